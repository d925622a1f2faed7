import t from 'tap';
import { ADMIN, build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { userSig } from './sig.js';

const SECRET_KEY = 'log-test-secret-key-7f3a9c';
const PASSWORD = 'Pa55word.Log';
const T0 = Date.UTC(2026, 0, 1) / 1000;

t.test('one log line per request, with no usersig, secret key or password in any line', async (t) => {
  const lines: string[] = [];
  const { app } = build(t, {
    apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: SECRET_KEY }],
    logStream: { write: (line: string) => void lines.push(line) },
    logLevel: 'info',
  });
  const usersig = userSig(SDKAPPID, SECRET_KEY, ADMIN, 86400, T0);
  const otherSig = userSig(SDKAPPID, 'not-the-key', ADMIN, 86400, T0);
  const requests: [string, unknown, Record<string, string | undefined>][] = [
    [REGISTER, { Identifier: 'logged', IdentifierType: 3, Password: PASSWORD }, { usersig }],
    [REGISTER, { Identifier: 'logged', IdentifierType: 3, Password: PASSWORD }, { usersig }],
    [REGISTER, { Identifier: 'x', IdentifierType: 3, Password: PASSWORD }, { usersig }],
    [REGISTER, { Identifier: 'logged2', IdentifierType: 3, Password: PASSWORD }, { usersig: otherSig }],
    [REGISTER, { Identifier: 'logged3', IdentifierType: 3, Password: PASSWORD }, { usersig, identifier: 'intruder' }],
    [IMPORT, { Identifier: 'imported', Nick: 'n' }, { usersig }],
    [IMPORT, { Identifier: 'imported' }, { usersig: 'garbage-sig-value' }],
    ['/v4/nope/nope', { Password: PASSWORD }, { usersig }],
  ];
  for (const [path, body, query] of requests) await call(t, app, path, body, { query });
  await call(t, app, REGISTER, undefined, { raw: `{"Password":"${PASSWORD}"`, query: { usersig } });

  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  t.equal(parsed.length, requests.length + 1, 'one line per request, nothing else');
  t.ok(parsed.every((p) => p.msg === 'request'), 'each is the request line');
  t.match(parsed[0], { method: 'POST', path: REGISTER, status: 200, sdkappid: SDKAPPID, caller: ADMIN, account: 'logged', errorCode: 0 });
  t.match(parsed[1], { errorCode: 70402 });
  t.match(parsed[3], { errorCode: 70009 });
  t.match(parsed[6], { errorCode: 70003 });
  t.match(parsed[7], { path: '/v4/nope/nope', errorCode: 60009 });
  for (const [i, line] of lines.entries()) {
    for (const secret of [usersig, otherSig, 'garbage-sig-value', SECRET_KEY, PASSWORD]) {
      t.notOk(line.includes(secret), `line ${i} does not hold ${secret.slice(0, 12)}...`);
    }
    t.notOk(line.includes('usersig='), `line ${i} has no query string`);
  }
});

t.test('logs stay off by default in process', async (t) => {
  const { app } = build(t);
  t.equal(app.mock.options.logger, false);
  t.equal(app.mock.options.logStream, undefined);
});
