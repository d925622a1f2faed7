// The dashboard's shell: the token prompt, the navigation between views, the clock in the header.
import { render } from './vendor/preact.js';
import { useEffect, useState } from './vendor/hooks.js';
import { Accounts } from './accounts.js';
import { Apps } from './apps.js';
import { Callbacks } from './callbacks.js';
import { Clock } from './clock.js';
import { Coverage } from './coverage.js';
import { Faults } from './faults.js';
import { Groups } from './groups.js';
import { api, ApiError, formatTime, html, onUnauthorized, token, usePoll } from './lib.js';
import { Messages } from './messages.js';
import { Requests } from './requests.js';
import { State } from './state.js';

const VIEWS = [
  { id: 'apps', title: 'Apps', view: Apps },
  { id: 'accounts', title: 'Accounts', view: Accounts },
  { id: 'requests', title: 'Requests', view: Requests },
  { id: 'messages', title: 'Messages', view: Messages },
  { id: 'groups', title: 'Groups', view: Groups },
  { id: 'callbacks', title: 'Callbacks', view: Callbacks },
  { id: 'faults', title: 'Faults', view: Faults },
  { id: 'clock', title: 'Clock', view: Clock },
  { id: 'state', title: 'State', view: State },
  { id: 'coverage', title: 'Coverage', view: Coverage },
];

/** The view named by the URL's hash (#requests), so that each view has an address and Back works. */
function useView() {
  const current = () => VIEWS.find((v) => `#${v.id}` === location.hash) ?? VIEWS[0];
  const [view, setView] = useState(current);
  useEffect(() => {
    const changed = () => setView(current());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return view;
}

function TokenPrompt({ refused, onToken }) {
  const [value, setValue] = useState('');
  const submit = (event) => {
    event.preventDefault();
    if (value !== '') onToken(value);
  };
  return html`<main class="prompt">
    <h1>tim-account-mock</h1>
    <form onSubmit=${submit}>
      <p>This emulator's control API needs its token (<code>TIM_MOCK_TOKEN</code>). It is kept for this tab only.</p>
      ${refused && html`<p class="error" role="alert">That token was refused.</p>`}
      <label for="token">Mock token</label>
      <input id="token" type="password" autocomplete="off" required value=${value} onInput=${(e) => setValue(e.currentTarget.value)} />
      <button type="submit">Open the dashboard</button>
    </form>
  </main>`;
}

function Dashboard() {
  const view = useView();
  const [sdkappid, setSdkappid] = useState('');
  const [clock, clockError, reloadClock] = usePoll(() => api('/clock'), 1000, []);
  // GET /__mock/apps is paged: the Apps view walks its pages; other views see the current one.
  const [appsAfter, setAppsAfter] = useState(null);
  const [apps, appsError, reloadApps] = usePoll(() => api(appsAfter === null ? '/apps' : `/apps?after=${appsAfter}`), 2000, [appsAfter]);
  const View = view.view;
  const openAccounts = (id) => {
    setSdkappid(String(id));
    location.hash = '#accounts';
  };
  return html`<header>
      <h1><a href="#apps">tim-account-mock</a></h1>
      <nav aria-label="Views">
        ${VIEWS.map((v) => html`<a href=${`#${v.id}`} aria-current=${v === view ? 'page' : undefined}>${v.title}</a>`)}
      </nav>
      <p class="now" aria-live="off" title="The emulator's clock">
        ${clock ? html`${formatTime(clock.iso)} <span class=${`badge ${clock.frozen ? 'warn' : 'ok'}`}>${clock.frozen ? 'frozen' : 'running'}</span>` : clockError ? 'clock unavailable' : '…'}
      </p>
    </header>
    <main id="main">
      <h2>${view.title}</h2>
      <${View}
        apps=${apps?.apps}
        appsNext=${apps?.next ?? null}
        appsAfter=${appsAfter}
        setAppsAfter=${setAppsAfter}
        appsError=${appsError}
        reloadApps=${reloadApps}
        sdkappid=${sdkappid}
        setSdkappid=${setSdkappid}
        openAccounts=${openAccounts}
        clock=${clock}
        reloadClock=${reloadClock}
      />
    </main>`;
}

/** Asks GET /__mock/clock whether the control API lets this tab in (no token, or the kept one). */
function Root() {
  const [access, setAccess] = useState('checking');
  const check = async () => {
    const presented = token.get() !== null;
    try {
      await api('/clock');
      setAccess('open');
    } catch (error) {
      setAccess(error instanceof ApiError && error.status === 401 ? (presented ? 'refused' : 'needed') : 'open');
    }
  };
  useEffect(() => {
    onUnauthorized(() => {
      token.clear();
      setAccess((now) => (now === 'open' ? 'refused' : now));
    });
    check();
  }, []);
  if (access === 'checking') return html`<main class="prompt"><p>Loading…</p></main>`;
  if (access !== 'open') {
    return html`<${TokenPrompt}
      refused=${access === 'refused'}
      onToken=${(value) => {
        token.set(value);
        check();
      }}
    />`;
  }
  return html`<${Dashboard} />`;
}

render(html`<${Root} />`, document.getElementById('root'));
