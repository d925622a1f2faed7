// Clock: the emulator's time, frozen or running; advance it, set it, or let it follow real time.
import { useState } from './vendor/hooks.js';
import { api, ErrorNote, formatTime, html } from './lib.js';

const STEPS = [
  ['1 minute', 60],
  ['1 hour', 3600],
  ['1 day', 86400],
  ['90 days', 90 * 86400],
];

export function Clock({ clock, reloadClock }) {
  const [seconds, setSeconds] = useState('60');
  const [when, setWhen] = useState('');
  const [error, setError] = useState();
  const move = async (method, body) => {
    setError(undefined);
    try {
      await api('/clock', { method, body });
    } catch (failure) {
      setError(failure);
    }
    reloadClock();
  };
  const advance = (event) => {
    event.preventDefault();
    move('POST', { advanceSeconds: Number(seconds) });
  };
  const set = (event) => {
    event.preventDefault();
    // The field is read as UTC, as the emulator shows its time.
    const ms = Date.parse(`${when}Z`);
    if (Number.isNaN(ms)) setError(new Error('Give a date and time.'));
    else move('POST', { now: ms / 1000 });
  };
  return html`<section class="panel clock" aria-labelledby="clock-now">
      <p id="clock-now" class="big">${clock ? formatTime(clock.iso) : '…'}</p>
      ${clock &&
      html`<p>
        <span class=${`badge ${clock.frozen ? 'warn' : 'ok'}`}>${clock.frozen ? 'frozen' : 'running'}</span>
        ${clock.frozen ? ' It stands still until it is moved again or returned to real time.' : ' It follows real time.'}
        <span class="muted"> Unix time ${clock.now}</span>
      </p>`}
    </section>
    <${ErrorNote} error=${error} />
    <form class="panel" aria-labelledby="advance-title" onSubmit=${advance}>
      <h3 id="advance-title">Advance (freezes the clock)</h3>
      <p class="toolbar">
        ${STEPS.map(([label, s]) => html`<button type="button" key=${s} onClick=${() => move('POST', { advanceSeconds: s })}>+ ${label}</button>`)}
      </p>
      <p class="toolbar">
        <label>Seconds<input name="advanceSeconds" inputmode="decimal" value=${seconds} onInput=${(e) => setSeconds(e.currentTarget.value)} /></label>
        <button type="submit">Advance</button>
      </p>
    </form>
    <form class="panel" aria-labelledby="set-title" onSubmit=${set}>
      <h3 id="set-title">Set (freezes the clock)</h3>
      <p class="toolbar">
        <label>Date and time (UTC)<input name="now" type="datetime-local" step="1" value=${when} onInput=${(e) => setWhen(e.currentTarget.value)} /></label>
        <button type="submit">Set</button>
      </p>
    </form>
    <p class="toolbar"><button type="button" onClick=${() => move('DELETE')} disabled=${clock && !clock.frozen}>Back to real time</button></p>`;
}
