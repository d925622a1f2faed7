import { Writable } from 'node:stream';
import t from 'tap';
import { build, call, IMPORT, REGISTER } from '../helper.js';
import { userSig } from './sig.js';

/** Captures the emulator's log lines (JSON) at warn and above. */
function captured(): { stream: Writable; warnings: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const warnings = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.level === 40);
  return { stream, warnings };
}

t.test('zero-config: the first refused non-admin caller of each app is warned about, once', async (t) => {
  const log = captured();
  const { app } = build(t, { logStream: log.stream, logLevel: 'warn' });
  const asAdmin = { query: { identifier: 'admin' } };
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }, asAdmin), { ErrorCode: 70403 });
  t.match(await call(t, app, REGISTER, { Identifier: 'alice01', IdentifierType: 3, Password: 'pas122333' }, asAdmin), { ErrorCode: 70425 });
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }, asAdmin), { ErrorCode: 70403 });
  t.equal(log.warnings().length, 1, 'one warning for app 1400000001, however many refusals');
  t.match(log.warnings()[0], {
    sdkappid: 1400000001,
    caller: 'admin',
    admin: 'administrator',
    errorCode: 70403,
    msg: /identifier=admin is not the app's admin.*expects identifier=administrator, which TIM_ADMIN \(--admin\) changes/,
  });
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }, { query: { identifier: 'admin', sdkappid: '1400000002' } }), { ErrorCode: 70403 });
  t.equal(log.warnings().length, 2, 'another app gets its own warning');
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }), { ErrorCode: 0 }, 'the admin is not warned about');
  t.equal(log.warnings().length, 2);
});

t.test('declared: the warning names the config file setting too; a refused sig is not this warning', async (t) => {
  const log = captured();
  const key = 'test-secret';
  const { app } = build(t, { logStream: log.stream, logLevel: 'warn', apps: [{ sdkappid: 1400000001, admin: 'administrator', secretKey: key }] });
  const now = Date.UTC(2026, 0, 1) / 1000;
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }, { query: { identifier: 'admin', usersig: 'bad' } }), { ErrorCode: 70003 });
  t.equal(log.warnings().length, 0, 'a sig refusal is not an admin refusal');
  const sig = userSig(1400000001, key, 'admin', 86400, now);
  t.match(await call(t, app, IMPORT, { UserID: 'alice01' }, { query: { identifier: 'admin', usersig: sig } }), { ErrorCode: 70403 });
  t.match(log.warnings(), [{ msg: /TIM_ADMIN \(--admin\), or the app's "admin" in the config file/ }]);
  t.notMatch(JSON.stringify(log.warnings()), sig, 'never the usersig');
});
