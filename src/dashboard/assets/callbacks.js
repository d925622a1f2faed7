// Callbacks: the journal of callbacks sent to the apps' backends, newest first, polled every half second.
import { useEffect, useRef, useState } from './vendor/hooks.js';
import { api, ApiError, ConfirmButton, ErrorNote, formatTime, html, query } from './lib.js';

/** How many callbacks the view keeps; the journal holds at most 1000, and one call may ask for them all. */
const SHOWN = 200;
const READ = 1000;
const POLL_MS = 500;

/** `fresh` merged into `shown` by id, newest first, at most SHOWN. */
function merge(shown, fresh) {
  const byId = new Map(shown.map((record) => [record.id, record]));
  for (const record of fresh) byId.set(record.id, record);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN);
}

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
  const [records, setRecords] = useState([]);
  const [error, setError] = useState();
  const seen = useRef(new Set());
  const shown = useRef([]);
  shown.current = records;

  useEffect(() => {
    let live = true;
    let timer;
    setRecords([]);
    shown.current = [];
    const poll = async () => {
      if (!document.hidden) {
        try {
          // Recorded callbacks never change: only those after the newest shown are asked for.
          const page = await api(`/callbacks${query({ command, limit: READ, after: shown.current[0]?.id })}`);
          if (live) {
            for (const record of page.callbacks) seen.current.add(record.command);
            if (page.callbacks.length > 0) setRecords((now) => merge(now, page.callbacks));
            setError(undefined);
          }
        } catch (failure) {
          if (live) setError(failure);
          if (failure instanceof ApiError && failure.status !== 400) return;
        }
      }
      if (live) timer = setTimeout(poll, POLL_MS);
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [command]);

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
