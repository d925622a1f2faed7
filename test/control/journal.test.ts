import t, { type Test } from 'tap';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { JournalEntry } from '../../src/services/journal/journal.js';
import { userSig } from '../vendor/sig.js';
import { ADMIN, build, call, envelope, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
import { startMockServer } from '../../src/in-process.js';

const journal = async (app: FastifyInstance, query = ''): Promise<JournalEntry[]> => {
  const res = await app.inject(`/__mock/requests${query}`);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().requests;
};
const register = (t: Test, app: FastifyInstance, id: string, query?: Record<string, string>) =>
  call(t, app, REGISTER, { Identifier: id, IdentifierType: 3, Password: 'pass12345' }, query && { query });

t.test('every /v4 call is recorded, oldest first, failed and faulted ones included', async (t) => {
  const { app, clock } = build(t);
  await register(t, app, 'alice01');
  clock.advance(1500);
  await register(t, app, 'alice01');
  await call(t, app, IMPORT, { UserID: 'bob' }, { query: { sdkappid: '1400000002' } });
  await call(t, app, '/v4/im_open_login_svc/no_such_command', {});
  await call(t, app, IMPORT, undefined, { raw: 'not json' });

  const entries = await journal(app);
  t.equal(entries.length, 5);
  t.same(entries[0], {
    seq: entries[0]?.seq,
    id: entries[0]?.seq,
    time: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    host: 'localhost:80',
    path: REGISTER,
    sdkappid: SDKAPPID,
    caller: ADMIN,
    account: 'alice01',
    accounts: ['alice01'],
    accountCount: 1,
    body: { Identifier: 'alice01', IdentifierType: 3, Password: '[redacted]' },
    status: 200,
    errorCode: 0,
    durationMs: entries[0]?.durationMs,
    fault: null,
    stub: null,
  });
  t.type(entries[0]?.durationMs, 'number');
  t.match(entries[1], { time: '2026-01-01T00:00:01.500Z', errorCode: 70402 }, 'times come from the emulator clock');
  t.match(entries[2], { path: IMPORT, sdkappid: 1400000002, account: 'bob', errorCode: 0 });
  t.match(entries[3], { path: '/v4/im_open_login_svc/no_such_command', errorCode: 60009, sdkappid: SDKAPPID, caller: ADMIN, account: null });
  t.match(entries[4], { path: IMPORT, errorCode: 60003, body: null });
  t.same(
    entries.map((e) => e.id),
    [...entries.keys()].map((i) => (entries[0]?.id as number) + i),
    'ids increase by one',
  );
});

t.test('an envelope refusal is recorded under what it asked for, without its usersig', async (t) => {
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey: 'k'.repeat(64) }] });
  await call(t, app, IMPORT, { UserID: 'x' }, { query: { sdkappid: '999', usersig: 'sig-value-1' } });
  await call(t, app, IMPORT, { UserID: 'x' }, { query: { usersig: 'sig-value-2' } });
  const entries = await journal(app);
  t.match(entries, [
    { sdkappid: 999, caller: ADMIN, errorCode: 60006, body: null },
    { sdkappid: SDKAPPID, caller: ADMIN, errorCode: 70003 },
  ]);
  t.notMatch(JSON.stringify(entries), /sig-value/);
});

t.test('/health and /__mock calls are not recorded', async (t) => {
  const { app } = build(t);
  await app.inject('/health');
  await app.inject('/__mock/faults');
  await app.inject('/__mock/nothing-here');
  await app.inject('/elsewhere');
  t.same(await journal(app), []);
});

t.test('faulted calls: the fault id; an HTTP status or a drop has no ErrorCode', async (t) => {
  const { app } = build(t);
  const arm = async (spec: object) => (await app.inject({ method: 'POST', url: '/__mock/faults', payload: spec })).json().id as string;
  const coded = await arm({ errorCode: 70405, delayMs: 60 });
  await register(t, app, 'alice01');
  const gateway = await arm({ httpStatus: 502 });
  await app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'bob' } });
  const dropped = await arm({ drop: true });
  await t.rejects(app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'carol' } }));
  const entries = await journal(app);
  t.match(entries, [
    { fault: coded, status: 200, errorCode: 70405, account: 'alice01' },
    { fault: gateway, status: 502, errorCode: null, account: 'bob' },
    { fault: dropped, status: 0, errorCode: null, account: 'carol' },
  ]);
  t.ok((entries[0]?.durationMs as number) >= 55, 'durationMs includes the fault delay');
});

t.test('filters: path, sdkappid, identifier, errorCode, and limit (the newest N, oldest first)', async (t) => {
  const { app } = build(t);
  for (let i = 0; i < 6; i++) await register(t, app, `user${i}x`);
  await register(t, app, 'user0x');
  await call(t, app, IMPORT, { UserID: 'user0x' }, { query: { sdkappid: '1400000002' } });
  await call(t, app, IMPORT, { UserID: 'other' });

  t.equal((await journal(app)).length, 9);
  t.equal((await journal(app, `?path=${IMPORT}`)).length, 2);
  t.same((await journal(app, '?sdkappid=1400000002')).map((e) => e.account), ['user0x']);
  t.same((await journal(app, '?identifier=user0x')).map((e) => [e.path, e.sdkappid, e.errorCode]), [
    [REGISTER, SDKAPPID, 0],
    [REGISTER, SDKAPPID, 70402],
    [IMPORT, 1400000002, 0],
  ]);
  t.same((await journal(app, '?errorCode=70402')).map((e) => e.account), ['user0x']);
  t.same((await journal(app, `?identifier=user0x&path=${REGISTER}&errorCode=0`)).length, 1, 'filters combine');
  t.same((await journal(app, '?limit=3')).map((e) => e.account), ['user0x', 'user0x', 'other'], 'newest three, oldest first');
  t.same((await journal(app, `?path=${REGISTER}&limit=2`)).map((e) => e.account), ['user5x', 'user0x']);
  t.same(await journal(app, '?identifier=nobody'), []);
});

t.test('bad filters are a 400 naming them', async (t) => {
  const { app } = build(t);
  for (const [query, message] of [
    ['?account=x', /account/],
    ['?limit=0', /limit/],
    ['?limit=ten', /limit/],
    ['?sdkappid=abc', /sdkappid/],
    ['?errorCode=x', /errorCode/],
    // Only plain numerals become numbers, as on every other control route.
    ['?sdkappid=1e3', /sdkappid/],
    ['?sdkappid=0x10', /sdkappid/],
    ['?limit=1e1', /limit/],
    ['?errorCode=%207', /errorCode/],
  ] as const) {
    const res = await app.inject(`/__mock/requests${query}`);
    t.equal(res.statusCode, 400, query);
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', message }, query);
  }
});

t.test('DELETE empties the journal; ids go on increasing', async (t) => {
  const { app } = build(t);
  await register(t, app, 'alice01');
  const [first] = await journal(app);
  const res = await app.inject({ method: 'DELETE', url: '/__mock/requests' });
  t.same(res.json(), { removed: 1 });
  t.same(await journal(app), []);
  await register(t, app, 'bob0001');
  t.ok(((await journal(app))[0]?.id as number) > (first?.id as number));
});

t.test('the journal is a bounded ring (TIM_JOURNAL_SIZE): it keeps the newest entries', async (t) => {
  const { app } = build(t, { journalSize: 5 });
  for (let i = 0; i < 23; i++) await call(t, app, IMPORT, { UserID: `u${i}` });
  const entries = await journal(app);
  t.same(
    entries.map((e) => e.account),
    ['u18', 'u19', 'u20', 'u21', 'u22'],
  );
  t.equal(app.mock.journal.size, 5);
});

t.test('journal size 0 turns it off', async (t) => {
  const { app } = build(t, { journalSize: 0 });
  await call(t, app, IMPORT, { UserID: 'u1' });
  t.same(await journal(app), []);
  t.equal(app.mock.journal.enabled, false);
});

t.test('the journal routes need the mock token when one is set', async (t) => {
  const { app } = build(t, { mockToken: 'tok-77' });
  t.equal((await app.inject('/__mock/requests')).statusCode, 401);
  t.equal((await app.inject({ method: 'DELETE', url: '/__mock/requests' })).statusCode, 401);
  t.equal((await app.inject({ url: '/__mock/requests', headers: { authorization: 'Bearer tok-77' } })).statusCode, 200);
});

t.test('no secret value anywhere in a journal answer or a log line, faulted calls included', async (t) => {
  const secretKey = 'e4b1c2d3f5a6978877665544332211aa00ffeeddccbbaa99887766554433221f';
  const token = 'mock-token-6d1c5b';
  const lines: string[] = [];
  const { app } = build(t, {
    apps: [{ sdkappid: SDKAPPID, admin: ADMIN, secretKey }],
    mockToken: token,
    logLevel: 'trace',
    logStream: { write: (line: string) => void lines.push(line) },
  });
  const auth = { authorization: `Bearer ${token}` };
  const sig = userSig(SDKAPPID, secretKey, ADMIN, 86400 * 365 * 10);
  const secrets = [secretKey, token, sig, 'Pw0rd-12345', 'Pw0rd-67890', 'nested-secret-1'];
  const query = { usersig: sig };
  t.match(await call(t, app, REGISTER, { Identifier: 'alice01', IdentifierType: 3, Password: 'Pw0rd-12345' }, { query }), { ErrorCode: 0 });
  t.match(await call(t, app, REGISTER, { Identifier: 'a', IdentifierType: 3, Password: 'Pw0rd-67890', Extra: { usersig: sig, SecretKey: 'nested-secret-1' } }, { query }), {
    ErrorCode: 70419,
  });
  t.match(await call(t, app, IMPORT, { UserID: 'bob', Nick: 'b' }, { query, headers: auth }), { ErrorCode: 0 });
  for (const spec of [{ errorCode: 70405, stage: 'after' }, { httpStatus: 502 }, { drop: true }]) {
    t.equal((await app.inject({ method: 'POST', url: '/__mock/faults', payload: spec, headers: auth })).statusCode, 200);
  }
  const faulted = () =>
    app.inject({ method: 'POST', url: REGISTER, query: envelope(query), payload: { Identifier: 'carol01', IdentifierType: 3, Password: 'Pw0rd-12345' } });
  // Stage "before" faults answer first (the oldest of them first), then the "after" one.
  t.equal((await faulted()).statusCode, 502);
  await t.rejects(faulted());
  t.match((await faulted()).json(), { ErrorCode: 70405 });

  const res = await app.inject({ url: '/__mock/requests', headers: auth });
  t.equal(res.statusCode, 200);
  t.equal(res.json().requests.length, 6);
  t.ok(lines.some((l) => l.includes('dropped by a fault')), 'the dropped call has its log line');
  t.ok(lines.length >= 6, 'log lines were captured');
  for (const secret of secrets) {
    t.notOk(res.body.includes(secret), `the journal answer does not contain ${secret.slice(0, 8)}...`);
    t.notOk(lines.some((l) => l.includes(secret)), `no log line contains ${secret.slice(0, 8)}...`);
  }
});

t.test('a call whose client hung up during a fault delay is listed with the answer it was sent', async (t) => {
  const mock = await startMockServer({ journalSize: 10 });
  t.teardown(() => mock.close());
  mock.addFault({ delayMs: 20 });
  const { journal, faults } = mock.app.mock;
  const socket = connect(mock.port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  // The client hangs up once the call is held by the fault's delay.
  const delay = faults.delay.bind(faults);
  faults.delay = async (ms: number) => {
    socket.destroy();
    await delay(ms);
  };
  const recorded = new Promise<void>((resolve) => {
    const record = journal.record.bind(journal);
    journal.record = (request, reply, call) => {
      record(request, reply, call);
      resolve();
    };
  });
  const body = '{"UserID":"gone01"}';
  socket.write(`POST ${IMPORT}?${new URLSearchParams(envelope())} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  await recorded;
  t.match(mock.requests(), [{ account: 'gone01', status: 200, errorCode: 0, fault: String }]);
  t.ok((mock.app.mock.journal.list()[0]?.durationMs ?? 0) >= 20, 'durationMs includes the delay');
  t.equal(mock.accounts(SDKAPPID).length, 1, 'the account was imported');
});

t.test('what no route sees is not journalled: a URL that does not decode, malformed HTTP', async (t) => {
  const mock = await startMockServer({ journalSize: 10 });
  t.teardown(() => mock.close());
  const badUrl = await mock.app.inject({ method: 'POST', url: `${IMPORT}%ZZ?${new URLSearchParams(envelope())}`, payload: '{"UserID":"x"}' });
  t.match(badUrl.json(), { ErrorCode: 60002 });

  const socket = connect(mock.port, '127.0.0.1');
  socket.setEncoding('utf8');
  let answer = '';
  socket.on('data', (chunk: string) => (answer += chunk));
  socket.write(`POST ${IMPORT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: not-a-number\r\n\r\n`);
  await once(socket, 'close');
  t.match(answer, /^HTTP\/1\.1 200 OK\r\n[^]*"ErrorCode":60002/);

  t.same(mock.requests(), []);
});
