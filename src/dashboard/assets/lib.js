// Shared by every view: the template tag, the /__mock client with the token, polling, formats.
import { h } from './vendor/preact.js';
import { useEffect, useRef, useState } from './vendor/hooks.js';
import htm from './vendor/htm.js';

/** Preact templates: every interpolated value becomes a text node or a property, never markup. */
export const html = htm.bind(h);

const TOKEN_KEY = 'tim-mock-token';

/** The mock token lives for the tab only (sessionStorage), never in a URL or a cookie. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let unauthorized = () => {};
/** Called when a /__mock call is refused for its token: the page goes back to the prompt. */
export const onUnauthorized = (handler) => {
  unauthorized = handler;
};

/** Calls the public control API, with the token when there is one; throws ApiError on a non-2xx answer. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  const bearer = token.get();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/__mock${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let data;
  try {
    data = text === '' ? undefined : JSON.parse(text);
  } catch {
    data = { message: text };
  }
  if (res.status === 401) unauthorized();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** `?a=1&b=2` from the values that are set. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Runs `load` now and then every `ms` (0: once) while `deps` hold, skipping turns while the tab
 * is hidden. Answers [data, error, reload]; a failed turn keeps the last data.
 */
export function usePoll(load, ms, deps) {
  const [state, setState] = useState({ data: undefined, error: undefined });
  const [turn, setTurn] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    let first = true;
    let timer;
    const run = async () => {
      if (first || !document.hidden) {
        first = false;
        try {
          const data = await loader.current();
          if (live) setState({ data, error: undefined });
        } catch (error) {
          if (live) setState((s) => ({ data: s.data, error }));
          if (error instanceof ApiError && error.status === 404) return;
        }
      }
      if (live && ms > 0) timer = setTimeout(run, ms);
    };
    run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [...deps, turn]);
  return [state.data, state.error, () => setTurn((n) => n + 1)];
}

/**
 * A live journal (calls, callbacks): records that never change once recorded, newest first, at
 * most `keep`, told apart by their `key` field. Every half second while the tab is visible it asks
 * `fetchNewer(newestKey)` for only those after the newest shown, and it starts over when `deps`
 * change. A refused filter (400) keeps polling; any other error stops it, and the view shows it.
 */
export function useTail(fetchNewer, key, keep, deps) {
  const [records, setRecords] = useState([]);
  const [error, setError] = useState();
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
          const fresh = await fetchNewer(shown.current[0]?.[key]);
          if (live) {
            if (fresh.length > 0) setRecords((now) => newestFirst(now, fresh, key, keep));
            setError(undefined);
          }
        } catch (failure) {
          if (live) setError(failure);
          if (failure instanceof ApiError && failure.status !== 400) return;
        }
      }
      if (live) timer = setTimeout(poll, 500);
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, deps);
  return { records, setRecords, error, setError };
}

/** `fresh` merged into `shown` by `key`, newest first, at most `keep`: a poll may repeat records already shown. */
function newestFirst(shown, fresh, key, keep) {
  const byKey = new Map(shown.map((record) => [record[key], record]));
  for (const record of fresh) byKey.set(record[key], record);
  return [...byKey.values()].sort((a, b) => b[key] - a[key]).slice(0, keep);
}

/** A number typed in a field, or undefined when it is empty. */
export const numberOr = (text) => (text.trim() === '' ? undefined : Number(text));

export const formatTime = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '');

/** The vendor code a control error names ("... (the vendor answers 70419)"), if any. */
export const vendorCodeIn = (message) => /the vendor answers (\d+)/.exec(message ?? '')?.[1];

/** An inline error: the message, and the vendor code as a badge when it names one. */
export function ErrorNote({ error }) {
  if (!error) return null;
  const code = vendorCodeIn(error.message);
  return html`<p class="error" role="alert">${code && html`<span class="badge fail">${code}</span> `}${error.message}</p>`;
}

/** A button that asks again before it acts: the second click (on "Yes") does it. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, danger = true }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return html`<button type="button" class=${danger ? 'danger' : ''} onClick=${() => setAsking(true)}>${label}</button>`;
  }
  const yes = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return html`<span class="confirm" role="group" aria-label=${question}>
    <span>${question}</span>
    <button type="button" class="danger" disabled=${busy} onClick=${yes}>${confirmLabel}</button>
    <button type="button" onClick=${() => setAsking(false)}>Cancel</button>
  </span>`;
}
