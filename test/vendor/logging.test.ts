import t from 'tap';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ADMIN, build, call, envelope, IMPORT, REGISTER, SDKAPPID } from '../helper.js';
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

type WriteFn = (...args: unknown[]) => unknown;

/**
 * Runs `fn` and returns what was written to stdout/stderr meanwhile, by process.stdout.write
 * or by fs.write/fs.writeSync on fd 1 or 2 (pino's default destination writes to the fd
 * directly). Writes to the fds are swallowed; stream writes go through (tap reports on stdout).
 */
async function writtenDuring(fn: () => Promise<void>): Promise<string[]> {
  const written: string[] = [];
  const restore: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (write as WriteFn).call(stream, chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => void (stream.write = write));
  }
  const mutableFs = fs as unknown as Record<'write' | 'writeSync', WriteFn>;
  for (const name of ['write', 'writeSync'] as const) {
    const original = mutableFs[name];
    mutableFs[name] = (fd: unknown, chunk: unknown, ...rest: unknown[]) => {
      if (fd !== 1 && fd !== 2) return original(fd, chunk, ...rest);
      written.push(String(chunk));
      const bytes = Buffer.byteLength(String(chunk));
      const callback = rest.findLast((arg) => typeof arg === 'function') as WriteFn | undefined;
      if (callback) process.nextTick(callback, null, bytes);
      return bytes;
    };
    restore.push(() => void (mutableFs[name] = original));
  }
  try {
    await fn();
    // A logger may write on a later tick; one macrotask later every queued write has been made.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    for (const undo of restore) undo();
  }
  return written;
}

/** Three calls by bare injects (no assertion: tap's own output would be captured too). */
async function threeCalls(app: FastifyInstance): Promise<number[]> {
  const ok = await app.inject({ method: 'POST', url: REGISTER, query: envelope(), payload: { Identifier: 'quiet01', IdentifierType: 3, Password: PASSWORD } });
  const failed = await app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: '{' });
  const unknown = await app.inject({ method: 'POST', url: '/v4/nope/nope', query: envelope() });
  return [ok, failed, unknown].map((res) => res.json().ErrorCode as number);
}

const logLines = (written: string[]) => written.filter((chunk) => chunk.includes('quiet01') || chunk.includes('/v4/') || chunk.includes('"level"'));

t.test('logs stay off by default in process: calls write nothing to stdout or stderr', async (t) => {
  const { app } = build(t);
  t.equal(app.mock.options.logger, false);
  t.equal(app.mock.options.logStream, undefined);
  await app.ready();
  let codes: number[] = [];
  const written = await writtenDuring(async () => void (codes = await threeCalls(app)));
  t.same(codes, [0, 60003, 60009], 'the calls were answered');
  t.same(logLines(written), [], 'no log line was written');

  // The same watch sees the lines of an app whose logger is on: the check above can fail.
  const { app: logging } = build(t, { logger: true });
  await logging.ready();
  const loud = await writtenDuring(async () => void (await threeCalls(logging)));
  t.equal(logLines(loud).length, 3, 'with the logger on, three request lines are seen');
});

t.test('the logger censors secrets at the top of a logged object and inside query, body, options and req headers', async (t) => {
  const lines: string[] = [];
  const { app } = build(t, { logStream: { write: (line: string) => void lines.push(line) }, logLevel: 'info' });
  await app.ready();
  const secrets = { usersig: 's1-sig', Password: 's2-Password', password: 's3-password', secretKey: 's4-key', passwordHash: 's5-hash', mockToken: 's6-token' };
  app.log.info({ ...secrets, query: { ...secrets }, body: { ...secrets }, options: { ...secrets }, req: { method: 'POST', url: '/v4/x?usersig=s8-url', headers: { authorization: 'Bearer s7-auth' } } }, 'secrets');
  const line = lines.find((l) => l.includes('"msg":"secrets"'));
  t.ok(line, 'the line was written');
  for (const secret of [...Object.values(secrets), 's7-auth', 's8-url']) t.notOk(line?.includes(secret), `${secret} is censored`);
  t.match(JSON.parse(line as string), { usersig: '[redacted]', query: { Password: '[redacted]' }, body: { mockToken: '[redacted]' }, options: { secretKey: '[redacted]' }, req: { method: 'POST', path: '/v4/x' } });
});

t.test('above info no request line is written, yet warnings and errors are, Fastify\'s own among them', async (t) => {
  const lines: string[] = [];
  const infoLines: string[] = [];
  const { app } = build(t, { logStream: { write: (line: string) => void lines.push(line) }, logLevel: 'warn' });
  const { app: infoApp } = build(t, { logStream: { write: (line: string) => void infoLines.push(line) }, logLevel: 'info' });
  t.equal(app.mock.log, app.log, 'one logger: the services log through Fastify\'s');
  // A handler that answers twice is a bug Fastify itself reports: at warn, in the same log.
  app.get('/twice', async (_request, reply) => {
    await reply.send({ first: true });
    return { second: true };
  });
  t.same(await threeCalls(app), [0, 60003, 60009]);
  t.same(await threeCalls(infoApp), [0, 60003, 60009]);
  t.same(lines, [], 'no request line at warn');
  t.equal(infoLines.filter((line) => line.includes('"msg":"request"')).length, 3, 'the same calls at info write three request lines');

  app.mock.log.warn('a warning');
  app.mock.store.import = () => {
    throw new Error('the store broke');
  };
  const broken = await call(t, app, IMPORT, { Identifier: 'broken01' });
  t.equal(broken.ErrorCode, 70500, 'an unexpected error is answered 70500');
  app.mock.journal.record = () => {
    throw new Error('the journal broke');
  };
  const unjournalled = await call(t, app, REGISTER, { Identifier: 'unjournalled', IdentifierType: 3, Password: PASSWORD });
  t.equal(unjournalled.ErrorCode, 0, 'a call the journal fails on is still answered');
  const fault = await app.inject({ method: 'POST', url: '/__mock/faults', payload: { drop: true } });
  t.equal(fault.statusCode, 200);
  await t.rejects(app.inject({ method: 'POST', url: IMPORT, query: envelope(), payload: { UserID: 'dropped01' } }), 'the dropped call');
  t.same((await app.inject('/twice')).json(), { first: true }, 'the first answer is sent');
  t.match(
    lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    [
      { level: 40, msg: 'a warning' },
      { level: 50, msg: 'unexpected error on a vendor route', reqId: String, err: { message: 'the store broke' } },
      { level: 50, msg: 'the call could not be journalled', reqId: String, err: { message: 'the journal broke' } },
      { level: 50, msg: 'the call could not be journalled', reqId: String, err: { message: 'the journal broke' } },
      { level: 40, reqId: String, err: { code: 'FST_ERR_REP_ALREADY_SENT' } },
    ],
  );
  t.equal(lines.length, 5, 'nothing else was logged');
});

t.test('an unexpected error outside /v4 and /__mock is logged at every level and answered as Fastify answers it', async (t) => {
  const lines: string[] = [];
  const { app } = build(t, { logStream: { write: (line: string) => void lines.push(line) }, logLevel: 'error' });
  app.get('/broken', async () => {
    throw new Error('a root route broke');
  });
  app.get('/refused', async () => {
    throw Object.assign(new Error('not for you'), { statusCode: 403 });
  });
  const broken = await app.inject('/broken');
  t.equal(broken.statusCode, 500);
  t.match(broken.json(), { statusCode: 500, error: 'Internal Server Error' });
  const refused = await app.inject('/refused');
  t.equal(refused.statusCode, 403, 'a client error keeps its status');
  t.match(
    lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    [{ level: 50, msg: 'unexpected error', reqId: String, err: { message: 'a root route broke' } }],
    'one line, for the 500 only',
  );
  t.equal(lines.length, 1);
});
