// Groups: each app's groups with their members and roles, refreshed every second.
import { api, ErrorNote, html, numberOr, query, usePoll } from './lib.js';

const POLL_MS = 1000;
const ROLE_ORDER = { Owner: 0, Admin: 1, Member: 2 };

function Group({ sdkappid, group }) {
  const members = [...group.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  return html`<li>
    <details>
      <summary>
        <span class="app">${sdkappid}</span>
        <span class="id">${group.groupId}</span>
        <span class="who">${group.name}</span>
        <span class="badge">${group.type}</span>
        <span class="meaning">${group.members.length} of ${group.maxMemberCount} members, owner ${group.owner ?? 'none'}</span>
      </summary>
      <ul class="members">
        ${members.map((m) => html`<li key=${m.account}>
          <span class="id">${m.account}</span> <span class=${`badge ${m.role === 'Member' ? '' : 'ok'}`}>${m.role}</span>
          ${m.nameCard ? ` “${m.nameCard}”` : ''}${m.shutUpUntil > 0 ? html` <span class="badge warn">muted</span>` : ''}
        </li>`)}
      </ul>
    </details>
  </li>`;
}

export function Groups({ sdkappid, setSdkappid }) {
  const [data, error] = usePoll(() => api(`/groups${query({ sdkappid: numberOr(sdkappid) })}`), POLL_MS, [sdkappid]);
  const groups = data?.groups ?? [];
  return html`<section class="panel">
    <p>Groups with their members and roles, refreshed every second.</p>
    <label>SDKAppID <input value=${sdkappid} onInput=${(e) => setSdkappid(e.currentTarget.value)} inputmode="numeric" /></label>
    <${ErrorNote} error=${error} />
    ${groups.length === 0
      ? html`<p class="empty">No group yet: create_group or import_group make them.</p>`
      : html`<ol class="journal groups">${groups.map(({ sdkappid: app, group }) => html`<${Group} key=${`${app}/${group.groupId}`} sdkappid=${app} group=${group} />`)}</ol>`}
  </section>`;
}
