// Messages: one-to-one conversations, newest first, polled so new messages show within a second.
import { api, ErrorNote, html, numberOr, query, usePoll } from './lib.js';

const POLL_MS = 1000;
/** How many of the newest stored messages the view reads (GET /__mock/messages allows 10,000). */
const READ = 2000;

/** A message element as one line of text: the text itself, else its type. */
const elementText = (e) => e?.MsgContent?.Text ?? e?.MsgContent?.Data ?? e?.MsgType ?? '';
const formatUnix = (s) => new Date(s * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/** Messages grouped by app and pair of accounts, the conversation with the newest message first. */
export function conversations(messages) {
  const byKey = new Map();
  for (const [i, m] of messages.entries()) {
    const [a, b] = [m.from, m.to].sort();
    const key = `${m.sdkappid}\n${a}\n${b}`;
    let c = byKey.get(key);
    if (c === undefined) byKey.set(key, (c = { key, sdkappid: m.sdkappid, a, b, messages: [] }));
    c.messages.push(m);
    c.newest = i;
  }
  const list = [...byKey.values()];
  for (const c of list) c.messages.reverse();
  return list.sort((x, y) => y.newest - x.newest);
}

function Conversation({ c }) {
  const last = c.messages[0];
  return html`<li>
    <details>
      <summary>
        <span class="app">${c.sdkappid}</span>
        <span class="who id">${c.a} ↔ ${c.b}</span>
        <span class="badge">${c.messages.length}</span>
        <span class="meaning">${last.withdrawn ? '(withdrawn)' : last.body.map(elementText).join(' ')}</span>
        <span class="time">${formatUnix(last.time)}</span>
      </summary>
      <ol class="messages">
        ${c.messages.map((m) => html`<li key=${m.key}>
          <span class="time">${formatUnix(m.time)}</span>
          <span class="id">${m.from} → ${m.to}</span>
          ${m.withdrawn ? html`<span class="badge warn">withdrawn</span>` : html`<span class="text">${m.body.map(elementText).join(' ')}</span>`}
          ${m.countsUnread ? '' : html`<span class="badge">history</span>`}
        </li>`)}
      </ol>
    </details>
  </li>`;
}

export function Messages({ sdkappid, setSdkappid }) {
  const [data, error] = usePoll(() => api(`/messages${query({ sdkappid: numberOr(sdkappid), limit: READ })}`), POLL_MS, [sdkappid]);
  const list = conversations(data?.messages ?? []);
  return html`<section class="panel">
    <p>One-to-one conversations, the newest first (of the newest ${READ} stored messages), refreshed every second.</p>
    <label>SDKAppID <input value=${sdkappid} onInput=${(e) => setSdkappid(e.currentTarget.value)} inputmode="numeric" /></label>
    <${ErrorNote} error=${error} />
    ${list.length === 0
      ? html`<p class="empty">No message stored yet: sendmsg, batchsendmsg or importmsg store them.</p>`
      : html`<ol class="journal conversations">${list.map((c) => html`<${Conversation} key=${c.key} c=${c} />`)}</ol>`}
  </section>`;
}
