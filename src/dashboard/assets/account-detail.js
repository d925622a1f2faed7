// One account's profile fields, logins, groups and friends (issues 26 and 27), below the accounts table.
import { api, ErrorNote, html, query, usePoll } from './lib.js';

const POLL_MS = 1000;

/** Reads what the models hold for the app and keeps this account's part. */
async function load({ sdkappid, identifier }) {
  const q = query({ sdkappid });
  const [profiles, online, groups, friends] = await Promise.all([
    api(`/profiles${q}`), api(`/online${q}`), api(`/groups${q}`), api(`/friends${q}`),
  ]);
  const relations = friends.apps[0] ?? { friends: [], blocked: [] };
  return {
    tags: profiles.profiles.find((p) => p.identifier === identifier)?.tags ?? {},
    platforms: online.online.find((o) => o.identifier === identifier)?.platforms ?? {},
    groups: groups.groups.flatMap(({ group }) => {
      const member = group.members.find((m) => m.account === identifier);
      return member ? [{ groupId: group.groupId, name: group.name, type: group.type, role: member.role }] : [];
    }),
    friends: relations.friends.filter((f) => f.from === identifier),
    blocked: relations.blocked.filter((b) => b.from === identifier),
  };
}

const list = (items, empty, render) => (items.length === 0 ? html`<p class="muted">${empty}</p>` : html`<ul>${items.map(render)}</ul>`);

export function AccountDetail({ account, onClose }) {
  const [data, error] = usePoll(() => load(account), POLL_MS, [account.sdkappid, account.identifier]);
  const tags = Object.entries(data?.tags ?? {});
  return html`<section class="panel account-detail" aria-labelledby="detail-title">
    <h3 id="detail-title">${account.identifier} <span class="muted">(app ${account.sdkappid})</span></h3>
    <p><button type="button" class="small" onClick=${onClose}>Close</button></p>
    <${ErrorNote} error=${error} />
    ${data === undefined ? html`<p>Loading…</p>` : html`
      <h4>Profile</h4>
      <dl class="profile">
        <dt>Tag_Profile_IM_Nick</dt><dd>${account.nick ?? ''}</dd>
        <dt>Tag_Profile_IM_Image</dt><dd>${account.faceUrl ?? ''}</dd>
        ${tags.map(([tag, value]) => html`<dt key=${tag}>${tag}</dt><dd>${String(value)}</dd>`)}
      </dl>
      <h4>Online</h4>
      ${list(Object.entries(data.platforms), 'Offline on every platform.', ([p, s]) => html`<li key=${p}>${p}: ${s}</li>`)}
      <h4>Groups</h4>
      ${list(data.groups, 'In no group.', (g) => html`<li key=${g.groupId}><span class="id">${g.groupId}</span> ${g.name} (${g.type}), ${g.role}</li>`)}
      <h4>Friends</h4>
      ${list(data.friends, 'No friends.', (f) => html`<li key=${f.account} class="friend"><span class="id">${f.account}</span>${f.remark ? ` “${f.remark}”` : ''}${f.groups.length ? ` [${f.groups.join(', ')}]` : ''}</li>`)}
      <h4>Black list</h4>
      ${list(data.blocked, 'Nobody blocked.', (b) => html`<li key=${b.account}><span class="id">${b.account}</span></li>`)}
    `}
  </section>`;
}
