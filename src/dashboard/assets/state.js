// State: download the export (GET /__mock/state); upload one to replace the state (PUT).
import { useState } from './vendor/hooks.js';
import { api, ConfirmButton, ErrorNote, html } from './lib.js';

export function State() {
  const [error, setError] = useState();
  const [file, setFile] = useState();
  const [done, setDone] = useState();
  const download = async () => {
    setError(undefined);
    try {
      const state = await api('/state');
      const url = URL.createObjectURL(new Blob([JSON.stringify(state, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'tim-account-mock-state.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (failure) {
      setError(failure);
    }
  };
  const upload = async () => {
    setError(undefined);
    setDone(undefined);
    try {
      const summary = await api('/state', { method: 'PUT', body: await file.text() });
      setDone(`Replaced the state: ${summary.accounts} accounts in ${summary.apps} apps.`);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<section class="panel" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p>Every app's accounts (hosted ones with their password hashes, never a clear password) and their remembered deletions, as one JSON document.</p>
      <p><button type="button" onClick=${download}>Download the state</button></p>
    </section>
    <section class="panel" aria-labelledby="import-title">
      <h3 id="import-title">Import</h3>
      <p>Replaces every app's accounts with an exported document. A document the emulator refuses changes nothing.</p>
      <p class="toolbar">
        <label>State file<input type="file" name="state" accept="application/json,.json" onChange=${(e) => setFile(e.currentTarget.files[0])} /></label>
        ${file &&
        html`<${ConfirmButton}
          label="Replace the state"
          question=${`Replace the whole state with ${file.name}?`}
          confirmLabel="Yes, replace"
          onConfirm=${upload}
        />`}
      </p>
      ${done && html`<p class="ok-note" role="status">${done}</p>`}
    </section>
    <${ErrorNote} error=${error} />`;
}
