// Apps: every app the emulator serves (GET /__mock/apps), with its limits and rate-limit tokens.
import { ErrorNote, html } from './lib.js';

const orDash = (value) => (value === null || value === undefined ? '—' : String(value));

export function Apps({ apps, appsNext, appsAfter, setAppsAfter, appsError, reloadApps, openAccounts }) {
  return html`<${ErrorNote} error=${appsError} />
    <p class="toolbar">
      <button type="button" onClick=${reloadApps}>Refresh</button>
      ${appsAfter !== null && html`<button type="button" onClick=${() => setAppsAfter(null)}>First page</button>`}
      ${appsNext !== null && html`<button type="button" onClick=${() => setAppsAfter(appsNext)}>Next page</button>`}
    </p>
    ${apps === undefined
      ? html`<p>Loading…</p>`
      : apps.length === 0
        ? html`<p class="empty">No app yet: in zero-config mode an app appears with its first call.</p>`
        : html`<div class="scroll"><table>
            <thead><tr>
              <th scope="col">SDKAppID</th><th scope="col">Mode</th><th scope="col">Admin</th><th scope="col">Plan</th>
              <th scope="col">Account limit</th><th scope="col">Delete</th><th scope="col">Re-import cooldown</th>
              <th scope="col">Accounts</th><th scope="col">Rate limits (tokens / limit per second)</th><th scope="col"><span class="sr-only">Actions</span></th>
            </tr></thead>
            <tbody>
              ${apps.map(
                (app) => html`<tr key=${app.sdkappid}>
                  <td>${app.sdkappid}</td>
                  <td>${app.mode}</td>
                  <td>${app.admin}</td>
                  <td>${orDash(app.plan)}</td>
                  <td>${orDash(app.accountLimit)}</td>
                  <td>${app.deleteEnabled ? 'enabled' : 'disabled'}</td>
                  <td>${app.reimportCooldownDays} days</td>
                  <td>${app.accounts.toLocaleString('en')}</td>
                  <td>
                    ${app.rateLimits.length === 0
                      ? '—'
                      : html`<ul class="plain">${app.rateLimits.map(
                          (r) => html`<li key=${r.command}><code>${r.command}</code> ${Math.floor(r.tokens)} / ${r.limit === 0 ? 'unlimited' : r.limit}</li>`,
                        )}</ul>`}
                  </td>
                  <td><button type="button" onClick=${() => openAccounts(app.sdkappid)}>Accounts</button></td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}`;
}
