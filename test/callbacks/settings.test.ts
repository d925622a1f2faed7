import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsFromProcess } from '../../src/config/settings.js';
import { build, SDKAPPID, ADMIN } from '../helper.js';
import { json } from '../control/json.js';
import { mockControls } from '../../src/in-process.js';
import { CALLBACK_COMMANDS, CALLBACK_TOKEN_MAX } from '../../src/model/callback-settings.js';

// The vendor's console: a callback URL, an authentication token and the commands switched on
// (https://cloud.tencent.com/document/product/269/1522, 第三方回调简介: 安全考虑 / 回调鉴权).
const TOKEN = 'tok-never-shown-0123456789';
const declared = { sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k' };

t.test('PUT /__mock/apps sets the callback settings; GET shows whether a token is set, never the token', async (t) => {
  const { app } = build(t);
  const put = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, {
    body: { callbackUrl: 'https://backend.example/im', callbackToken: TOKEN, callbackCommands: ['State.StateChange'], callbackTimeoutMs: 50 },
  });
  t.equal(put.status, 200);
  t.match(put.body, { callbackUrl: 'https://backend.example/im', callbackTokenSet: true, callbackCommands: ['State.StateChange'], callbackTimeoutMs: 50 });
  t.notMatch(put.raw, TOKEN);
  const list = await json(app, 'GET', '/__mock/apps');
  t.match(list.body.apps[0], { callbackTokenSet: true });
  t.notMatch(list.raw, TOKEN);
  const cleared = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { callbackToken: null, callbackCommands: null } });
  t.match(cleared.body, { callbackUrl: 'https://backend.example/im', callbackTokenSet: false, callbackCommands: null });
});

t.test('a URL that is not http(s), a token over 128 characters, an unknown command: a 400 naming the field', async (t) => {
  const { app } = build(t);
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ callbackUrl: 'ftp://backend.example/' }, /^callbackUrl: /],
    [{ callbackUrl: 'not a url' }, /^callbackUrl: /],
    [{ callbackUrl: 42 }, /^callbackUrl: /],
    [{ callbackToken: 'x'.repeat(CALLBACK_TOKEN_MAX + 1) }, /^callbackToken: .*128/],
    [{ callbackToken: '' }, /^callbackToken: /],
    [{ callbackCommands: 'State.StateChange' }, /^callbackCommands: /],
    [{ callbackCommands: ['Nope.Nothing'] }, /^callbackCommands\[0\]: /],
    [{ callbackTimeoutMs: 0 }, /^callbackTimeoutMs: /],
    [{ callbackTimeoutMs: 60_001 }, /^callbackTimeoutMs: /],
  ];
  for (const [body, message] of cases) {
    const res = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body });
    t.equal(res.status, 400, JSON.stringify(body).slice(0, 60));
    t.match(res.body.message, message);
    t.notMatch(res.raw, 'xxxxxxxxxx', 'a refused token is not echoed');
  }
  const longest = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { callbackToken: 'x'.repeat(CALLBACK_TOKEN_MAX) } });
  t.equal(longest.status, 200, 'a token of exactly 128 characters is taken');
  const all = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { callbackCommands: [...CALLBACK_COMMANDS] } });
  t.equal(all.status, 200);
});

t.test('the config file and TIM_CALLBACK_URL / TIM_CALLBACK_TOKEN set an app\'s callbacks; reset brings them back', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tim-callbacks-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ apps: [{ sdkappid: 1400000009, secretKey: 'k', callbackUrl: 'http://127.0.0.1:9/cb', callbackToken: TOKEN }] }));
  const fromFile = optionsFromProcess(['--config', file], {});
  t.match(fromFile.apps[0], { callbackUrl: 'http://127.0.0.1:9/cb', callbackToken: TOKEN });

  writeFileSync(file, JSON.stringify({ apps: [{ sdkappid: 1400000009, secretKey: 'k', callbackUrl: 'ftp://x/' }] }));
  t.throws(() => optionsFromProcess(['--config', file], {}), /callbackUrl/);

  const env = { TIM_SDKAPPID: String(SDKAPPID), TIM_SECRET_KEY: 'k', TIM_CALLBACK_URL: 'http://127.0.0.1:9/cb', TIM_CALLBACK_TOKEN: TOKEN };
  const fromEnv = optionsFromProcess([], env);
  t.match(fromEnv.apps[0], { callbackUrl: 'http://127.0.0.1:9/cb', callbackToken: TOKEN });
  t.equal(fromEnv.callbackTimeoutMs, 2000, "the vendor's 2 s by default");
  t.equal(optionsFromProcess(['--callback-timeout-ms', '50'], {}).callbackTimeoutMs, 50);
  t.throws(() => optionsFromProcess([], { ...env, TIM_CALLBACK_URL: 'mailto:a@b' }), /callbackUrl/);
  const long = t.throws(() => optionsFromProcess([], { ...env, TIM_CALLBACK_TOKEN: 'y'.repeat(129) }), /callbackToken/) as Error;
  t.notMatch(long.message, 'yyyy', 'the refused token is not quoted');
  t.throws(() => optionsFromProcess([], { TIM_CALLBACK_URL: 'http://127.0.0.1:9/cb' }), /TIM_SDKAPPID/);

  const { app } = build(t, { apps: [{ ...declared, callbackUrl: 'http://127.0.0.1:9/cb', callbackToken: TOKEN }] });
  const mock = mockControls(app);
  mock.setApp(SDKAPPID, { callbackUrl: null });
  t.equal(mock.apps()[0]?.callbackUrl, null);
  mock.reset();
  t.match(mock.apps()[0], { callbackUrl: 'http://127.0.0.1:9/cb', callbackTokenSet: true });
});

t.test('the token never appears in a log line, the request journal, the callbacks journal or a reply', async (t) => {
  const { startBackend } = await import('./backend.js');
  const backend = await startBackend(t);
  const lines: string[] = [];
  const { app } = build(t, { logLevel: 'trace', logStream: { write: (line: string) => void lines.push(line) } });
  const mock = mockControls(app);
  const put = await json(app, 'PUT', `/__mock/apps/${SDKAPPID}`, { body: { callbackUrl: backend.url, callbackToken: TOKEN } });
  t.notMatch(put.raw, TOKEN);
  await app.inject({ method: 'POST', url: '/v4/im_open_login_svc/account_import', query: { sdkappid: String(SDKAPPID), identifier: ADMIN, usersig: 's', random: '1', contenttype: 'json' }, payload: { UserID: 'u1', callbackToken: TOKEN } });
  const record = await mock.triggerCallback(SDKAPPID, 'State.StateChange');
  t.ok(backend.received[0]?.url.searchParams.get('Sign'), 'the backend got a signature');
  t.notMatch(JSON.stringify(record), TOKEN);
  t.notMatch(JSON.stringify(mock.requests()), TOKEN, 'a body field named callbackToken is redacted too');
  t.notMatch((await json(app, 'GET', '/__mock/callbacks')).raw, TOKEN);
  t.notMatch((await json(app, 'GET', '/__mock/apps')).raw, TOKEN);
  t.ok(lines.length > 0, 'something was logged');
  t.notMatch(lines.join('\n'), TOKEN);
});
