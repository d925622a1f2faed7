// Requests: the journal, newest first, polled so new calls show within a second.
import { useState } from './vendor/hooks.js';
import { api, ConfirmButton, ErrorNote, formatTime, html, numberOr, query, usePoll, useTail } from './lib.js';

/** How many calls the view keeps and asks for. */
const SHOWN = 200;

const failed = (entry) => entry.status !== 200 || (entry.errorCode !== null && entry.errorCode !== 0);

/** The catalogue's meaning of a code for this command: its own meaning first (70402 has two). */
function meaningOf(codes, entry) {
  if (entry.errorCode === null || entry.errorCode === 0) return undefined;
  const candidates = (codes ?? []).filter((c) => c.code === entry.errorCode);
  const own = candidates.find((c) => c.commands.includes(entry.path));
  return (own ?? candidates.find((c) => c.commands.length === 0) ?? candidates[0])?.info;
}

function Outcome({ entry, meaning }) {
  if (entry.status === 0) return html`<span class="badge fail">dropped</span>`;
  if (entry.status !== 200) return html`<span class="badge fail">HTTP ${entry.status}</span>`;
  if (entry.errorCode === null) return html`<span class="badge">no reply</span>`;
  return entry.errorCode === 0
    ? html`<span class="badge ok">OK</span>`
    : html`<span class="badge fail" title=${meaning ?? ''}>${entry.errorCode}</span>`;
}

function Entry({ entry, codes }) {
  const meaning = meaningOf(codes, entry);
  const who = entry.account ?? (entry.accounts.length > 1 ? `${entry.accounts.length} accounts` : '');
  return html`<li class=${failed(entry) ? 'failed' : ''}>
    <details>
      <summary>
        <span class="time">${formatTime(entry.time)}</span>
        <${Outcome} entry=${entry} meaning=${meaning} />
        <code class="path">${entry.path.replace(/^\/v4\//, '')}</code>
        <span class="app">${entry.sdkappid ?? ''}</span>
        <span class="who id">${who}</span>
        ${meaning && html`<span class="meaning">${meaning}</span>`}
        ${entry.fault && html`<span class="badge warn">fault ${entry.fault}</span>`}
        <span class="ms">${entry.durationMs} ms</span>
      </summary>
      <div class="detail">
        <section>
          <h3>Body (secrets redacted)</h3>
          <pre>${entry.body === null ? 'not JSON' : JSON.stringify(entry.body, null, 2)}</pre>
        </section>
        <section>
          <h3>Reply</h3>
          <dl>
            <dt>HTTP status</dt><dd>${entry.status === 0 ? '0 (connection dropped by a fault)' : entry.status}</dd>
            <dt>ErrorCode</dt><dd>${entry.errorCode ?? '—'}</dd>
            ${meaning && html`<dt>Meaning</dt><dd>${meaning}</dd>`}
            <dt>Caller</dt><dd>${entry.caller ?? '—'}</dd>
            <dt>Accounts</dt><dd>${entry.accounts.length === 0 ? '—' : entry.accounts.join(', ')}</dd>
            <dt>Fault</dt><dd>${entry.fault ?? '—'}</dd>
            <dt>Duration</dt><dd>${entry.durationMs} ms</dd>
          </dl>
        </section>
      </div>
    </details>
  </li>`;
}

export function Requests() {
  const [filters, setFilters] = useState({ path: '', sdkappid: '', identifier: '', errorCode: '' });
  const [codes] = usePoll(() => api('/codes'), 0, []);
  const paths = [...new Set((codes?.codes ?? []).flatMap((c) => c.commands))].sort();
  const { records: entries, setRecords: setEntries, error, setError } = useTail(async (after) => {
    const params = {
      path: filters.path,
      sdkappid: numberOr(filters.sdkappid),
      identifier: filters.identifier,
      errorCode: numberOr(filters.errorCode),
    };
    return (await api(`/requests${query({ ...params, limit: SHOWN, after })}`)).requests;
  }, 'seq', SHOWN, [filters]);

  const field = (name) => (event) => setFilters({ ...filters, [name]: event.currentTarget.value });
  const clear = async () => {
    try {
      await api('/requests', { method: 'DELETE' });
      setEntries([]);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<form class="toolbar" role="search" onSubmit=${(e) => e.preventDefault()}>
      <label>Path
        <select name="path" value=${filters.path} onChange=${field('path')}>
          <option value="">any</option>
          ${paths.map((p) => html`<option key=${p} value=${p}>${p}</option>`)}
        </select>
      </label>
      <label>SDKAppID<input name="sdkappid" inputmode="numeric" value=${filters.sdkappid} onInput=${field('sdkappid')} /></label>
      <label>Account<input name="identifier" autocomplete="off" value=${filters.identifier} onInput=${field('identifier')} /></label>
      <label>Error code<input name="errorCode" inputmode="numeric" value=${filters.errorCode} onInput=${field('errorCode')} /></label>
      <${ConfirmButton} label="Clear journal" question="Forget every recorded call?" confirmLabel="Yes, clear" onConfirm=${clear} />
    </form>
    <${ErrorNote} error=${error} />
    <p class="count" aria-live="polite">${entries.length === 0 ? 'No calls recorded yet.' : `${entries.length} most recent calls, newest first`}</p>
    <ol class="journal">${entries.map((entry) => html`<${Entry} key=${entry.seq} entry=${entry} codes=${codes?.codes} />`)}</ol>`;
}
