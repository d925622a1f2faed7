// Accounts of one app (or every app): a page at a time from the server, search, add, delete.
import { useState } from './vendor/hooks.js';
import { api, ConfirmButton, ErrorNote, formatTime, html, query, usePoll } from './lib.js';
import { AccountDetail } from './account-detail.js';

const PAGE_SIZES = [25, 50, 100, 500];
/** Often enough that an account imported elsewhere shows within a second. */
const POLL_MS = 500;

/** Only an http(s) URL becomes an image: a javascript: or data: FaceUrl stays text. */
const isWebUrl = (text) => /^https?:\/\/[^\s]+$/i.test(text ?? '');

function Face({ url }) {
  if (!url) return null;
  return isWebUrl(url)
    ? html`<img class="face" src=${url} alt="" width="24" height="24" loading="lazy" title=${url} />`
    : html`<span class="muted" title="not an http(s) URL">${url}</span>`;
}

function AddAccount({ sdkappid, onAdded }) {
  const empty = { kind: 'standalone', identifier: '', identifierType: '3', password: '', nick: '', faceUrl: '', type: '' };
  const [form, setForm] = useState(empty);
  const [app, setApp] = useState('');
  const [error, setError] = useState();
  const [added, setAdded] = useState();
  const field = (name) => (event) => setForm({ ...form, [name]: event.currentTarget.value });
  const target = app !== '' ? app : sdkappid;
  const submit = async (event) => {
    event.preventDefault();
    setError(undefined);
    setAdded(undefined);
    const account = { sdkappid: Number(target), kind: form.kind, identifier: form.identifier };
    if (form.kind === 'hosted') {
      account.identifierType = Number(form.identifierType);
      account.password = form.password;
    }
    if (form.nick !== '') account.nick = form.nick;
    if (form.faceUrl !== '') account.faceUrl = form.faceUrl;
    if (form.type !== '') account.type = Number(form.type);
    try {
      await api('/accounts', { method: 'POST', body: { accounts: [account] } });
      setAdded(form.identifier);
      setForm({ ...empty, kind: form.kind, identifierType: form.identifierType });
      onAdded();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<details class="panel">
    <summary>Add an account</summary>
    <form class="grid" onSubmit=${submit}>
      <label>SDKAppID<input name="sdkappid" inputmode="numeric" required value=${target} onInput=${(e) => setApp(e.currentTarget.value)} /></label>
      <label>Kind
        <select name="kind" value=${form.kind} onChange=${field('kind')}>
          <option value="standalone">standalone (account_import)</option>
          <option value="hosted">hosted (register_account_v1)</option>
        </select>
      </label>
      <label>Identifier<input name="identifier" required autocomplete="off" value=${form.identifier} onInput=${field('identifier')} /></label>
      ${form.kind === 'hosted' &&
      html`<label>Identifier type
          <select name="identifierType" value=${form.identifierType} onChange=${field('identifierType')}>
            <option value="1">1: phone (86-13800138000)</option>
            <option value="2">2: email</option>
            <option value="3">3: string account</option>
          </select>
        </label>
        <label>Password<input name="password" type="password" autocomplete="new-password" required value=${form.password} onInput=${field('password')} /></label>`}
      <label>Nick<input name="nick" autocomplete="off" value=${form.nick} onInput=${field('nick')} /></label>
      <label>FaceUrl<input name="faceUrl" autocomplete="off" value=${form.faceUrl} onInput=${field('faceUrl')} /></label>
      <label>Type
        <select name="type" value=${form.type} onChange=${field('type')}>
          <option value="">not set</option>
          <option value="0">0: ordinary</option>
          <option value="1">1: robot</option>
        </select>
      </label>
      <div class="actions"><button type="submit">Add</button></div>
    </form>
    <${ErrorNote} error=${error} />
    ${added !== undefined && html`<p class="ok-note" role="status">Added <strong>${added}</strong>.</p>`}
  </details>`;
}

export function Accounts({ apps, sdkappid, setSdkappid }) {
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(50);
  // The cursor of every page up to the one shown: Previous pops, Next pushes.
  const [cursors, setCursors] = useState([undefined]);
  const [actionError, setActionError] = useState();
  const appValid = sdkappid === '' || /^[1-9][0-9]{0,9}$/.test(sdkappid);
  const cursor = cursors.at(-1);
  const [page, error, reload] = usePoll(
    () => (appValid ? api(`/accounts${query({ sdkappid, search, limit, cursor })}`) : Promise.resolve(undefined)),
    POLL_MS,
    [sdkappid, search, limit, cursor, appValid],
  );
  const restart = (set) => (event) => {
    set(event.currentTarget.value);
    setCursors([undefined]);
  };
  const [selected, setSelected] = useState(null);
  const remove = async (account) => {
    setActionError(undefined);
    try {
      await api(`/accounts/${account.sdkappid}/${encodeURIComponent(account.identifier)}`, { method: 'DELETE' });
    } catch (failure) {
      setActionError(failure);
    }
    reload();
  };
  const removeAll = async () => {
    setActionError(undefined);
    try {
      await api(`/accounts${query({ sdkappid })}`, { method: 'DELETE' });
      setCursors([undefined]);
    } catch (failure) {
      setActionError(failure);
    }
    reload();
  };
  const first = page ? (page.total === 0 ? 0 : Number(cursor ?? 0) + 1) : 0;
  const last = page ? Number(cursor ?? 0) + page.accounts.length : 0;
  const scope = sdkappid === '' ? 'every app' : `app ${sdkappid}`;
  return html`<form class="toolbar" role="search" onSubmit=${(e) => e.preventDefault()}>
      <label>SDKAppID
        <input name="app" list="known-apps" inputmode="numeric" placeholder="every app" value=${sdkappid} onInput=${restart(setSdkappid)} aria-invalid=${!appValid} />
      </label>
      <datalist id="known-apps">${(apps ?? []).map((app) => html`<option key=${app.sdkappid} value=${app.sdkappid} />`)}</datalist>
      <label>Search identifiers<input name="search" type="search" placeholder="contains…" value=${search} onInput=${restart(setSearch)} /></label>
      <label>Per page
        <select name="limit" value=${limit} onChange=${restart((v) => setLimit(Number(v)))}>
          ${PAGE_SIZES.map((n) => html`<option key=${n} value=${n}>${n}</option>`)}
        </select>
      </label>
      <${ConfirmButton}
        label=${`Delete all (${scope})`}
        question=${`Delete every account of ${scope}? They can be imported again at once.`}
        confirmLabel="Yes, delete all"
        onConfirm=${removeAll}
      />
    </form>
    ${!appValid && html`<p class="error" role="alert">An SDKAppID is a number from 1 to 4294967295.</p>`}
    <${AddAccount} sdkappid=${sdkappid} onAdded=${reload} />
    <${ErrorNote} error=${error ?? actionError} />
    ${page === undefined
      ? appValid && html`<p>Loading…</p>`
      : html`<p class="count" aria-live="polite">
            ${page.total === 0 ? `No accounts in ${scope}${search ? ` matching “${search}”` : ''}.` : `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${page.total.toLocaleString('en')} accounts`}
          </p>
          <div class="scroll"><table class="accounts">
            <thead><tr>
              <th scope="col">Identifier</th>${sdkappid === '' && html`<th scope="col">App</th>`}<th scope="col">Kind</th><th scope="col">Nick</th>
              <th scope="col">FaceUrl</th><th scope="col">Type</th><th scope="col">Created</th><th scope="col">Updated</th><th scope="col"><span class="sr-only">Actions</span></th>
            </tr></thead>
            <tbody>
              ${page.accounts.map(
                (a) => html`<tr key=${`${a.sdkappid}/${a.identifier}`}>
                  <td class="id">${a.identifier}</td>
                  ${sdkappid === '' && html`<td>${a.sdkappid}</td>`}
                  <td>${a.kind}${a.identifierType ? html` <span class="muted">(type ${a.identifierType})</span>` : ''}</td>
                  <td>${a.nick ?? ''}</td>
                  <td><${Face} url=${a.faceUrl} /></td>
                  <td>${a.type === 1 ? 'robot' : a.type === 0 ? 'ordinary' : ''}</td>
                  <td>${formatTime(a.createdAt)}</td>
                  <td>${formatTime(a.updatedAt)}</td>
                  <td>
                    <button type="button" class="small" aria-label=${`Details of ${a.identifier}`} onClick=${() => setSelected(a)}>Details</button>
                    <button type="button" class="small" aria-label=${`Delete ${a.identifier}`} onClick=${() => remove(a)}>Delete</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          <p class="pager">
            <button type="button" disabled=${cursors.length === 1} onClick=${() => setCursors(cursors.slice(0, -1))}>Previous</button>
            <button type="button" disabled=${page.next === null} onClick=${() => setCursors([...cursors, page.next])}>Next</button>
          </p>`}
    ${selected && html`<${AccountDetail} key=${`${selected.sdkappid}/${selected.identifier}`} account=${selected} onClose=${() => setSelected(null)} />`}`;
}
