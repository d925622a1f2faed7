// Faults: the armed ones with their fired counts; arm one from a form; disarm one or all.
import { useState } from './vendor/hooks.js';
import { api, ConfirmButton, ErrorNote, html, numberOr, usePoll } from './lib.js';

const EFFECTS = [
  { value: 'errorCode', label: 'vendor error code', field: 'Error code', placeholder: 'e.g. 70169' },
  { value: 'httpStatus', label: 'HTTP status (gateway page)', field: 'HTTP status', placeholder: '400 to 599' },
  { value: 'drop', label: 'drop the connection' },
  { value: 'delay', label: 'delay only' },
];

function effectOf(fault) {
  const delay = fault.delayMs ? `after ${fault.delayMs} ms` : '';
  if (fault.kind === 'errorCode') return `ErrorCode ${fault.errorCode} ${delay}`;
  if (fault.kind === 'httpStatus') return `HTTP ${fault.httpStatus} ${delay}`;
  if (fault.kind === 'drop') return `drop ${delay}`;
  return `delay ${fault.delayMs} ms`;
}

function ArmFault({ paths, onArmed }) {
  const empty = { effect: 'errorCode', value: '', delayMs: '', path: '', sdkappid: '', identifier: '', stage: 'before', times: '1', probability: '', seed: '' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState();
  const [armed, setArmed] = useState();
  const field = (name) => (event) => setForm({ ...form, [name]: event.currentTarget.value });
  const effect = EFFECTS.find((e) => e.value === form.effect);
  const submit = async (event) => {
    event.preventDefault();
    setError(undefined);
    setArmed(undefined);
    const spec = { stage: form.stage, times: numberOr(form.times) };
    if (form.effect === 'errorCode') spec.errorCode = numberOr(form.value);
    if (form.effect === 'httpStatus') spec.httpStatus = numberOr(form.value);
    if (form.effect === 'drop') spec.drop = true;
    for (const name of ['delayMs', 'sdkappid', 'probability', 'seed']) if (numberOr(form[name]) !== undefined) spec[name] = numberOr(form[name]);
    if (form.path !== '') spec.path = form.path;
    if (form.identifier !== '') spec.identifier = form.identifier;
    try {
      const { id } = await api('/faults', { method: 'POST', body: spec });
      setArmed(id);
      onArmed();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<form class="panel grid" aria-labelledby="arm-title" onSubmit=${submit}>
    <h3 id="arm-title">Arm a fault</h3>
    <label>Effect
      <select name="effect" value=${form.effect} onChange=${field('effect')}>
        ${EFFECTS.map((e) => html`<option key=${e.value} value=${e.value}>${e.label}</option>`)}
      </select>
    </label>
    ${effect.field && html`<label>${effect.field}<input name="value" inputmode="numeric" required placeholder=${effect.placeholder} value=${form.value} onInput=${field('value')} /></label>`}
    <label>Delay (ms)<input name="delayMs" inputmode="numeric" required=${form.effect === 'delay'} placeholder=${form.effect === 'delay' ? '1 to 60000' : 'none'} value=${form.delayMs} onInput=${field('delayMs')} /></label>
    <label>Command
      <select name="path" value=${form.path} onChange=${field('path')}>
        <option value="">every command</option>
        ${paths.map((p) => html`<option key=${p} value=${p}>${p}</option>`)}
      </select>
    </label>
    <label>SDKAppID<input name="sdkappid" inputmode="numeric" placeholder="any" value=${form.sdkappid} onInput=${field('sdkappid')} /></label>
    <label>Account<input name="identifier" autocomplete="off" placeholder="any" value=${form.identifier} onInput=${field('identifier')} /></label>
    <label>Stage
      <select name="stage" value=${form.stage} onChange=${field('stage')}>
        <option value="before">before (instead of the change)</option>
        <option value="after">after (the change is kept)</option>
      </select>
    </label>
    <label>Times (0 = until disarmed)<input name="times" inputmode="numeric" value=${form.times} onInput=${field('times')} /></label>
    <label>Probability (0 to 1)<input name="probability" inputmode="decimal" placeholder="1" value=${form.probability} onInput=${field('probability')} /></label>
    <label>Seed<input name="seed" inputmode="numeric" placeholder="random" value=${form.seed} onInput=${field('seed')} /></label>
    <div class="actions"><button type="submit">Arm</button></div>
    <div class="wide">
      <${ErrorNote} error=${error} />
      ${armed && html`<p class="ok-note" role="status">Armed ${armed}.</p>`}
    </div>
  </form>`;
}

export function Faults() {
  const [list, error, reload] = usePoll(() => api('/faults'), 1000, []);
  const [codes] = usePoll(() => api('/codes'), 0, []);
  const paths = [...new Set((codes?.codes ?? []).flatMap((c) => c.commands))].sort();
  const [actionError, setActionError] = useState();
  const act = (work) => async () => {
    setActionError(undefined);
    try {
      await work();
    } catch (failure) {
      setActionError(failure);
    }
    reload();
  };
  const faults = list?.faults;
  return html`<${ErrorNote} error=${error ?? actionError} />
    ${faults === undefined
      ? html`<p>Loading…</p>`
      : faults.length === 0
        ? html`<p class="empty">No fault armed: every call is answered as the vendor would.</p>`
        : html`<p class="toolbar"><${ConfirmButton} label="Disarm all" question="Disarm every fault?" confirmLabel="Yes, disarm all" onConfirm=${act(() => api('/faults', { method: 'DELETE' }))} /></p>
          <div class="scroll"><table class="faults">
            <thead><tr>
              <th scope="col">Id</th><th scope="col">Effect</th><th scope="col">Command</th><th scope="col">App</th><th scope="col">Account</th>
              <th scope="col">Stage</th><th scope="col">Probability</th><th scope="col">Fired</th><th scope="col">Remaining</th><th scope="col"><span class="sr-only">Actions</span></th>
            </tr></thead>
            <tbody>
              ${faults.map(
                (f) => html`<tr key=${f.id}>
                  <td><code>${f.id}</code></td>
                  <td>${effectOf(f)}</td>
                  <td>${f.path ?? 'every command'}</td>
                  <td>${f.sdkappid ?? 'any'}</td>
                  <td class="id">${f.identifier ?? 'any'}</td>
                  <td>${f.stage}</td>
                  <td>${f.probability}${f.seed !== undefined ? html` <span class="muted">(seed ${f.seed})</span>` : ''}</td>
                  <td class="fired">${f.fired}</td>
                  <td>${f.remaining === null ? 'until disarmed' : f.remaining}</td>
                  <td><button type="button" class="small" aria-label=${`Disarm ${f.id}`} onClick=${act(() => api(`/faults/${encodeURIComponent(f.id)}`, { method: 'DELETE' }))}>Disarm</button></td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
    <${ArmFault} paths=${paths} onArmed=${reload} />`;
}
