// Callbacks: the journal of callbacks sent to the apps' backends, newest first, polled every half second.
import { useRef, useState } from './vendor/hooks.js';
import { api, ConfirmButton, ErrorNote, formatTime, html, query, useTail } from './lib.js';

/** How many callbacks the view keeps; the journal holds at most 1000, and one call may ask for them all. */
const SHOWN = 200;
const READ = 1000;

const failed = (record) => record.error !== null || record.status !== 200;

function Outcome({ record }) {
  if (record.status === null) return html`<span class="badge fail">no answer</span>`;
  if (record.status !== 200) return html`<span class="badge fail">HTTP ${record.status}</span>`;
  return html`<span class=${`badge ${record.error === null ? 'ok' : 'warn'}`}>200</span>`;
}

/** The backend's answer, as JSON when it is some. */
function replyText(reply) {
  try {
    return JSON.stringify(JSON.parse(reply), null, 2);
  } catch {
    return reply === '' ? '(empty)' : reply;
  }
}

function Entry({ record }) {
  return html`<li class=${failed(record) ? 'failed' : ''}>
    <details>
      <summary>
        <span class="time">${formatTime(record.time)}</span>
        <${Outcome} record=${record} />
        <code class="path">${record.command}</code>
        <span class="app">${record.sdkappid}</span>
        ${record.error !== null && html`<span class="meaning">${record.error}</span>`}
        <span class="ms">${record.durationMs} ms</span>
      </summary>
      <div class="detail">
        <section>
          <h3>Payload</h3>
          <pre class="payload">${JSON.stringify(record.payload, null, 2)}</pre>
        </section>
        <section>
          <h3>Backend</h3>
          <dl>
            <dt>URL (without Sign and RequestTime)</dt><dd class="url id">${record.url || '—'}</dd>
            <dt>HTTP status</dt><dd>${record.status ?? '— (no answer)'}</dd>
            <dt>Error</dt><dd>${record.error ?? '—'}</dd>
            <dt>Duration</dt><dd>${record.durationMs} ms</dd>
          </dl>
          <h3>Reply</h3>
          <pre class="reply">${replyText(record.reply)}</pre>
        </section>
      </div>
    </details>
  </li>`;
}

export function Callbacks() {
  const [command, setCommand] = useState('');
  const seen = useRef(new Set());
  const { records, setRecords, error, setError } = useTail(async (after) => {
    const page = await api(`/callbacks${query({ command, limit: READ, after })}`);
    for (const record of page.callbacks) seen.current.add(record.command);
    return page.callbacks;
  }, 'id', SHOWN, [command]);

  const clear = async () => {
    try {
      await api('/callbacks', { method: 'DELETE' });
      setRecords([]);
    } catch (failure) {
      setError(failure);
    }
  };
  const commands = [...seen.current, ...(command === '' ? [] : [command])].filter((c, i, all) => all.indexOf(c) === i).sort();
  return html`<form class="toolbar" role="search" onSubmit=${(e) => e.preventDefault()}>
      <label>Command
        <select name="command" value=${command} onChange=${(e) => setCommand(e.currentTarget.value)}>
          <option value="">any</option>
          ${commands.map((c) => html`<option key=${c} value=${c}>${c}</option>`)}
        </select>
      </label>
      <${ConfirmButton} label="Clear journal" question="Forget every recorded callback?" confirmLabel="Yes, clear" onConfirm=${clear} />
    </form>
    <${ErrorNote} error=${error} />
    <p class="count" aria-live="polite">${records.length === 0
      ? 'No callback sent yet: set an app\'s callbackUrl (PUT /__mock/apps/:sdkappid), then call a command or play a client.'
      : `${records.length} most recent callbacks, newest first`}</p>
    <ol class="journal callbacks">${records.map((record) => html`<${Entry} key=${record.id} record=${record} />`)}</ol>`;
}
