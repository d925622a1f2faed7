// Coverage: every vendor command routed (GET /__mock/coverage), and how the emulator answers it.
import { useState } from './vendor/hooks.js';
import { api, ErrorNote, html, usePoll } from './lib.js';

const BADGE = { emulated: 'ok', stub: 'warn', 'user stub': '' };

export function Coverage() {
  const [coverage, error, reload] = usePoll(() => api('/coverage'), 5000, []);
  const [section, setSection] = useState('');
  const rows = coverage?.commands.filter((c) => section === '' || c.section === section);
  const sections = [...new Set(coverage?.commands.map((c) => c.section) ?? [])];
  const count = (served) => coverage?.commands.filter((c) => c.served === served).length ?? 0;
  return html`<${ErrorNote} error=${error} />
    <p class="toolbar">
      <label for="coverage-section">Section</label>
      <select id="coverage-section" value=${section} onChange=${(e) => setSection(e.currentTarget.value)}>
        <option value="">all</option>
        ${sections.map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
      </select>
      <button type="button" onClick=${reload}>Refresh</button>
    </p>
    ${rows === undefined
      ? html`<p>Loading…</p>`
      : html`<p>${count('emulated')} emulated, ${count('stub')} validated stubs, ${count('user stub')} answered by your stubs.</p>
        <div class="scroll"><table>
          <thead><tr>
            <th scope="col">Section</th><th scope="col">Path</th><th scope="col">Served</th>
            <th scope="col">Rate limit (/s)</th><th scope="col">Codes</th>
          </tr></thead>
          <tbody>
            ${rows.map(
              (c) => html`<tr key=${c.path}>
                <td>${c.section}</td>
                <td><code>${c.path}</code></td>
                <td><span class=${`badge ${BADGE[c.served]}`}>${c.served}</span></td>
                <td>${c.rateLimit === 0 ? 'unlimited' : c.rateLimit}</td>
                <td>${c.codes.join(', ')}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`}`;
}
