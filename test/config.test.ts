import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { buildApp } from '../src/app.js';
import { ConfigError } from '../src/shared/mock-errors.js';
import { DEFAULTS, SETTINGS, usage } from '../src/config/table.js';
import { optionsFromProcess, resolveOptions } from '../src/config/settings.js';
import { parseConfigFile } from '../src/config/file.js';
import { RATE_LIMIT_MAX } from '../src/model/plans.js';

const dir = mkdtempSync(join(tmpdir(), 'tim-config-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
/** The ConfigError message `fn` throws. */
const refusal = (t: Test, fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    t.type(error, ConfigError);
    return (error as Error).message;
  }
  t.fail('expected a ConfigError');
  return '';
};

t.test('defaults: 127.0.0.1:8080, zero-config, admin administrator, 1000 calls/s, info', async (t) => {
  const o = optionsFromProcess([], {});
  t.match(o, { host: '127.0.0.1', port: 8080, apps: [], admin: 'administrator', rateLimit: 1000, logLevel: 'info', logger: true, bodyLimit: 1024 * 1024 });
  t.match(o, DEFAULTS);
  t.equal(o.help, false);
  t.equal(o.version, false);
  t.equal(resolveOptions().logger, false, 'in-process use is silent by default');
});

t.test('every setting is an environment variable and a flag; flags win', async (t) => {
  const env = { PORT: '9000', HOST: '0.0.0.0', TIM_ADMIN: 'boss', TIM_RATE_LIMIT: '50', LOG_LEVEL: 'warn', TIM_BODY_LIMIT: '2048' };
  t.match(optionsFromProcess([], env), { port: 9000, host: '0.0.0.0', admin: 'boss', rateLimit: 50, logLevel: 'warn', bodyLimit: 2048 });
  const flags = ['--port', '9001', '--host', '::1', '--admin', 'chief', '--rate-limit', '0', '--log-level=error', '--body-limit', '4096'];
  t.match(optionsFromProcess(flags, env), { port: 9001, host: '::1', admin: 'chief', rateLimit: 0, logLevel: 'error', bodyLimit: 4096 });
  t.match(optionsFromProcess(['--port', '0'], {}), { port: 0 }, 'port 0 picks a free port');
  t.match(optionsFromProcess([], { PORT: '' }), { port: 8080 }, 'an empty variable is unset');
  const names = Object.values(SETTINGS);
  t.equal(new Set(names.map((s) => s.env)).size, names.length, 'one variable per setting');
  for (const s of names) t.match(usage(), `--${s.flag}`, `--help lists --${s.flag}`);
  t.equal(optionsFromProcess(['--help'], {}).help, true);
  t.equal(optionsFromProcess(['-v'], {}).version, true);
});

t.test('a bad setting is refused with a message naming it', async (t) => {
  const cases: [string[], Record<string, string>, RegExp][] = [
    [[], { PORT: 'abc' }, /^PORT /],
    [[], { PORT: '65536' }, /^PORT /],
    [['--port', '-1'], {}, /--port/],
    [['--port', '80.5'], {}, /^--port /],
    [[], { TIM_RATE_LIMIT: 'fast' }, /^TIM_RATE_LIMIT /],
    [['--rate-limit', '-5'], {}, /rate-limit/],
    [[], { LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [[], { TIM_UNEMULATED: 'ignore' }, /^TIM_UNEMULATED must be stub or refuse/],
    [[], { TIM_SDKAPPID: '0', TIM_SECRET_KEY: 'k' }, /^TIM_SDKAPPID /],
    [[], { TIM_SDKAPPID: '4294967296', TIM_SECRET_KEY: 'k' }, /^TIM_SDKAPPID /],
    [['--sdkappid', 'abc', '--secret-key', 'k'], {}, /^--sdkappid /],
    [[], { TIM_BODY_LIMIT: '10' }, /^TIM_BODY_LIMIT /],
    [['--host', '  '], {}, /^--host /],
    [['--no-such-flag'], {}, /no-such-flag/],
    [['stray'], {}, /^unexpected argument \(5 characters of letters and digits\)/],
  ];
  for (const [argv, env, named] of cases) {
    t.match(refusal(t, () => optionsFromProcess(argv, env)), named, `${argv.join(' ')} ${JSON.stringify(env)}`);
  }
  t.match(refusal(t, () => optionsFromProcess(['--port', 'x'], { PORT: '9000' })), /^--port /, 'the flag is named when the flag is bad');
});

t.test('TIM_SDKAPPID and TIM_SECRET_KEY declare one app, and only together', async (t) => {
  t.match(refusal(t, () => optionsFromProcess([], { TIM_SDKAPPID: '1400000001' })), /TIM_SDKAPPID.*TIM_SECRET_KEY/);
  t.match(refusal(t, () => optionsFromProcess([], { TIM_SECRET_KEY: 'k' })), /TIM_SECRET_KEY/);
  t.match(refusal(t, () => optionsFromProcess(['--sdkappid', '1400000001'], {})), /TIM_SECRET_KEY/);
  const o = optionsFromProcess([], { TIM_SDKAPPID: '1400000001', TIM_SECRET_KEY: 'key', TIM_ADMIN: 'boss' });
  t.same(o.apps, [{ sdkappid: 1400000001, admin: 'boss', secretKey: 'key' }]);
  t.same(optionsFromProcess(['--sdkappid', '7', '--secret-key', 'k2'], { TIM_SDKAPPID: '8', TIM_SECRET_KEY: 'k' }).apps, [
    { sdkappid: 7, admin: 'administrator', secretKey: 'k2' },
  ]);
});

t.test('a config file declares several apps', async (t) => {
  const config = file(
    'apps.json',
    JSON.stringify({
      apps: [
        { sdkappid: 1400000001, admin: 'admin1', secretKey: 'k1' },
        { sdkappid: 1400000002, secretKey: 'k2', rateLimits: { account_import: 10 } },
      ],
      rateLimits: { register_account_v1: 20 },
    }),
  );
  const o = optionsFromProcess(['--config', config], { TIM_ADMIN: 'boss' });
  t.same(o.apps, [
    { sdkappid: 1400000001, admin: 'admin1', secretKey: 'k1', rateLimits: {} },
    { sdkappid: 1400000002, admin: 'boss', secretKey: 'k2', rateLimits: { account_import: 10 } },
  ]);
  t.same(o.rateLimits, { register_account_v1: 20 });
  t.same(optionsFromProcess([], { TIM_CONFIG: config }).apps.length, 2, 'TIM_CONFIG names it too');
  const both = optionsFromProcess(['--config', config, '--sdkappid', '1400000003', '--secret-key', 'k3'], {});
  t.same(both.apps.map((a) => a.sdkappid), [1400000001, 1400000002, 1400000003], 'plus the app of TIM_SDKAPPID');
  t.match(refusal(t, () => optionsFromProcess(['--config', config, '--sdkappid', '1400000001', '--secret-key', 'k'], {})), /1400000001.*also declared/);
});

t.test('a bad config file is refused with a message naming the file and the field', async (t) => {
  const cases: [string, RegExp][] = [
    ['{', /not valid JSON/],
    ['[]', /must hold a JSON object/],
    ['{}', /: apps: Expected required property/],
    ['{"apps":[]}', /: apps: Expected array length to be greater or equal to 1/],
    ['{"apps":[1]}', /apps\[0\]: Expected object/],
    ['{"apps":[{"secretKey":"k"}]}', /apps\[0\]\.sdkappid/],
    ['{"apps":[{"sdkappid":"1400000001","secretKey":"k"}]}', /apps\[0\]\.sdkappid/],
    ['{"apps":[{"sdkappid":0,"secretKey":"k"}]}', /apps\[0\]\.sdkappid/],
    ['{"apps":[{"sdkappid":4294967296,"secretKey":"k"}]}', /apps\[0\]\.sdkappid/],
    ['{"apps":[{"sdkappid":1}]}', /apps\[0\]\.secretKey/],
    ['{"apps":[{"sdkappid":1,"secretKey":""}]}', /apps\[0\]\.secretKey/],
    ['{"apps":[{"sdkappid":1,"secretKey":"k","admin":""}]}', /apps\[0\]\.admin/],
    ['{"apps":[{"sdkappid":1,"secretKey":"k"},{"sdkappid":1,"secretKey":"j"}]}', /apps\[1\]\.sdkappid 1 is declared twice/],
    ['{"apps":[{"sdkappid":1,"secretKey":"k","rateLimits":{"account_import":-1}}]}', /rateLimits\.account_import/],
    ['{"apps":[{"sdkappid":1,"secretKey":"k"}],"rateLimits":[]}', /: rateLimits: Expected object/],
  ];
  for (const [i, [content, named]] of cases.entries()) {
    const path = file(`bad${i}.json`, content);
    const message = refusal(t, () => optionsFromProcess(['--config', path], {}));
    t.match(message, named, content);
    t.match(message, path, 'the message names the file');
  }
  t.match(refusal(t, () => optionsFromProcess(['--config', join(dir, 'missing.json')], {})), /missing\.json cannot be read/);
  t.match(refusal(t, () => parseConfigFile('{"apps":[{"sdkappid":1,"secretKey":"k"}]}', 'f', '')), /^config file f: apps\[0\]\.admin/);
});

t.test('an unknown key in the config file is refused, naming it, at the top and in an app', async (t) => {
  const app = { sdkappid: 1, secretKey: 'k' };
  const typo = file('typo.json', JSON.stringify({ apps: [{ ...app, plna: 'pro' }] }));
  t.match(
    refusal(t, () => optionsFromProcess(['--config', typo], {})),
    new RegExp(`^config file ${typo}: apps\\[0\\]\\.plna: not a field of an app \\(one of sdkappid, admin, secretKey, rateLimits, plan, `),
  );
  const top = file('top.json', JSON.stringify({ apps: [app], ratelimits: {} }));
  t.match(refusal(t, () => optionsFromProcess(['--config', top], {})), /: ratelimits: not a field of the config file \(one of apps, rateLimits\)$/);
});

t.test('a config file error names the setting, never its value (a secret key in the wrong place)', async (t) => {
  const SECRET = 'TOPSECRET-key-1234';
  const cases: unknown[] = [
    { apps: [{ sdkappid: 1, secretkey: SECRET }] },
    { apps: [{ sdkappid: SECRET, secretKey: 'k' }] },
    { apps: [{ sdkappid: 1, secretKey: 'k', plan: SECRET }] },
    { apps: [{ sdkappid: 1, secretKey: 'k', admin: 1, rateLimits: { account_import: SECRET } }] },
    { apps: [{ sdkappid: 1, secretKey: [SECRET] }] },
  ];
  for (const doc of cases) {
    const message = refusal(t, () => parseConfigFile(JSON.stringify(doc), 'f', 'a'));
    t.notOk(message.includes('TOPSECRET'), `${message}: no value`);
    t.match(message, /^config file f: apps\[0\]\.\w+/, 'the field is named');
  }
});

t.test('config file rate limits: 0 to RATE_LIMIT_MAX calls per second, whole numbers', async (t) => {
  const limits = (value: unknown) => JSON.stringify({ apps: [{ sdkappid: 1, secretKey: 'k' }], rateLimits: { account_import: value } });
  t.same(parseConfigFile(limits(0), 'f', 'a').rateLimits, { account_import: 0 }, 'the smallest');
  t.same(parseConfigFile(limits(RATE_LIMIT_MAX), 'f', 'a').rateLimits, { account_import: RATE_LIMIT_MAX }, 'the largest');
  t.match(refusal(t, () => parseConfigFile(limits(RATE_LIMIT_MAX + 1), 'f', 'a')), /^config file f: rateLimits\.account_import: Expected integer to be less or equal to /);
  t.match(refusal(t, () => parseConfigFile(limits(-1), 'f', 'a')), /^config file f: rateLimits\.account_import: Expected integer to be greater or equal to 0$/);
  t.match(refusal(t, () => parseConfigFile(limits(1.5), 'f', 'a')), /^config file f: rateLimits\.account_import: Expected integer$/);
  const sdkappid = (id: number) => JSON.stringify({ apps: [{ sdkappid: id, secretKey: 'k' }] });
  t.equal(parseConfigFile(sdkappid(1), 'f', 'a').apps[0]?.sdkappid, 1, 'the smallest sdkappid');
  t.equal(parseConfigFile(sdkappid(4294967295), 'f', 'a').apps[0]?.sdkappid, 4294967295, 'the largest sdkappid');
});

t.test('a rate limit must name a served command: a misspelt one is refused, naming the key', async (t) => {
  const misspelt = file('misspelt.json', JSON.stringify({ apps: [{ sdkappid: 1, secretKey: 'k' }], rateLimits: { acount_import: 5 } }));
  const options = optionsFromProcess(['--config', misspelt], {});
  t.match(refusal(t, () => buildApp(options)), /^rateLimits\.acount_import: 'acount_import' is not a command the emulator serves \(one of .*account_import/);
  const perApp = { apps: [{ sdkappid: 1, admin: 'a', secretKey: 'k', rateLimits: { account_import: 5, account_chek: 1 } }] };
  t.match(refusal(t, () => buildApp(perApp)), /^apps\[0\]\.rateLimits\.account_chek: /);
  t.match(refusal(t, () => buildApp({ rateLimits: { Account_Import: 1 } })), /Account_Import/, 'names are exact, as in the URL');
  const served = buildApp({ rateLimits: { account_import: 5, register_account_v1: 1, multiaccount_import: 1, account_check: 1, account_delete: 1 } });
  t.teardown(() => served.close());
  t.equal(served.mock.options.rateLimits.account_import, 5, 'every served command may be named');
});

t.test('resolveOptions checks apps passed in process', async (t) => {
  t.match(refusal(t, () => resolveOptions({ apps: [{ sdkappid: 1, admin: 'a', secretKey: 'k' }, { sdkappid: 1, admin: 'a', secretKey: 'k' }] })), /1 is declared twice/);
  t.match(refusal(t, () => resolveOptions({ apps: [{ sdkappid: 1, admin: 'a', secretKey: '' }] })), /needs a secretKey/);
});

const KEY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Every 6-character piece of the key: none may appear in a message. */
const assertNoPieceOf = (t: Test, message: string, secret: string): void => {
  const pieces = Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6)).filter((p) => message.includes(p));
  t.same(pieces, [], `no piece of the value in: ${message}`);
};

t.test('a value given to the wrong setting is described by its length and kind, never printed', async (t) => {
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--port', KEY], {}, /^--port must be a whole number from 0 to 65535; got 64 characters of hex digits$/],
    [[], { PORT: KEY }, /^PORT .*; got 64 characters of hex digits$/],
    [['--sdkappid', KEY, '--secret-key', 'k'], {}, /^--sdkappid .*; got 64 characters of hex digits$/],
    [['--log-level', KEY], {}, /^--log-level must be one of .*; got 64 characters of hex digits$/],
    [['--port', `${KEY}!`], {}, /got 65 characters of text$/],
    [['--port', `${KEY} x`], {}, /got 66 characters of text with spaces$/],
    [['--port', `${KEY}xyz`], {}, /got 67 characters of letters and digits$/],
    [['--port', '65536'], {}, /got 5 characters of digits$/],
    [['--port', '80.5'], {}, /got 4 characters of a number that is not a whole one$/],
    [['--port', '8080', KEY], {}, /^unexpected argument \(64 characters of hex digits\): this command takes flags only/],
    [['--port', '8080', '--', KEY], {}, /^unexpected argument \(64 characters of hex digits\)/],
  ];
  for (const [argv, env, expected] of cases) {
    const message = refusal(t, () => optionsFromProcess(argv, env));
    t.match(message, expected, `${argv.length} arguments ${Object.keys(env).join()}`);
    assertNoPieceOf(t, message, KEY);
  }
});

t.test('a config file that is not JSON is reported by line and column, never by its text', async (t) => {
  const cases: [string, string][] = [
    [`{"apps":[{"sdkappid":1400000001,"secretKey":${KEY}}]}`, 'line 1, column 45'],
    [`{\n  "apps": [\n    {\n      "sdkappid": 1400000001,\n      "secretKey": "${KEY}\n    }\n  ]\n}\n`, 'line 5, column 85'],
    [`{"apps":[{"sdkappid":1400000001,"secretKey":"${KEY}"}]`, 'line 1, column 113'],
    [`{"apps":[{"sdkappid":1400000001,"secretKey":"${KEY}",}]}`, 'line 1, column 112'],
    [`{"apps":[{"sdkappid":1400000001,"secretKey":"${KEY}"}]}${KEY}`, 'line 1, column 114'],
    [`{"apps":[{"sdkappid":01,"secretKey":"${KEY}"}]}`, 'line 1, column 23'],
    [`{"apps":[{"sdkappid":1,"secretKey":"${KEY}\\x"}]}`, 'line 1, column 102'],
    [`{"apps":[{"sdkappid":1,"secretKey":"${KEY}\\u12G4"}]}`, 'line 1, column 102'],
    [`{"apps":[{"sdkappid":1,"secretKey":'${KEY}'}]}`, 'line 1, column 36'],
    ['{"apps":[{"sdkappid":1,"secretKey":tru}]}', 'line 1, column 36'],
    [`{"apps":[{"sdkappid":1,${KEY}:1}]}`, 'line 1, column 24'],
    ['', 'line 1, column 1'],
    ['\n\n  ', 'line 3, column 3'],
  ];
  for (const [i, [content, where]] of cases.entries()) {
    const path = file(`syntax${i}.json`, content);
    const message = refusal(t, () => optionsFromProcess(['--config', path], {}));
    t.equal(message, `config file ${path} is not valid JSON (${where})`, `case ${i}`);
    assertNoPieceOf(t, message, KEY);
  }
});

t.test('a config file with a leading BOM is read; one that is not UTF-8 is refused without its text', async (t) => {
  const doc = { apps: [{ sdkappid: 1400000001, secretKey: KEY }] };
  const bom = join(dir, 'bom.json');
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(doc))]));
  t.equal(optionsFromProcess(['--config', bom], {}).apps[0]?.secretKey, KEY);
  const latin1 = join(dir, 'latin1.json');
  writeFileSync(latin1, Buffer.from(JSON.stringify({ apps: [{ sdkappid: 1400000001, secretKey: `${KEY}\u00e9` }] }), 'latin1'));
  const message = refusal(t, () => optionsFromProcess(['--config', latin1], {}));
  t.equal(message, `config file ${latin1} is not UTF-8 text`);
});

t.test('a mock token with whitespace, control or non-ASCII characters is refused at start, unprinted', async (t) => {
  const secret = 'tok3n-Secret-Value';
  for (const token of [`${secret} `, ` ${secret}`, `${secret}\tx`, `${secret}\n`, `${secret}\u0000`, `${secret}\u007f`, `${secret}\u00a0`, `${secret}é`]) {
    const message = refusal(t, () => resolveOptions({ mockToken: token }));
    t.match(message, /^the mock token \(TIM_MOCK_TOKEN, --mock-token\) must be visible ASCII characters only/, JSON.stringify(token));
    t.notMatch(message, secret.slice(0, 6));
    t.match(refusal(t, () => optionsFromProcess([], { TIM_MOCK_TOKEN: token })), /^the mock token/, 'from the environment too');
  }
  t.equal(resolveOptions({ mockToken: '!~visible-ASCII_token.0' }).mockToken, '!~visible-ASCII_token.0', 'the first and last visible ASCII characters are taken');
});
