import t from 'tap';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { build } from '../helper.js';
import { requestLogs } from '../../src/shared/request-log.js';

const capture = (level: string) => {
  const lines: Record<string, unknown>[] = [];
  let children = 0;
  const root = pino({ level, onChild: () => void children++ }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const log = requestLogs(root)(root, { reqId: 'req-7' }, {});
  return { lines, log, children: () => children };
};

t.test('a request log makes its pino child only when it writes a line', async (t) => {
  const { lines, log, children } = capture('warn');
  log.info('not written at warn');
  log.debug('nor this');
  log.trace('nor this');
  log.silent('never');
  t.equal(children(), 0, 'no child for lines the level drops');
  t.equal(lines.length, 0);

  log.warn({ detail: 1 }, 'written');
  log.error('also written');
  log.fatal('and this');
  t.equal(children(), 1, 'one child, made for the first line and kept');
  t.match(lines, [
    { level: 40, reqId: 'req-7', detail: 1, msg: 'written' },
    { level: 50, reqId: 'req-7', msg: 'also written' },
    { level: 60, reqId: 'req-7', msg: 'and this' },
  ]);
});

t.test('a request log at debug writes every level down to its own, with the bindings', async (t) => {
  const { lines, log } = capture('debug');
  log.info('info');
  log.debug('debug');
  log.trace('dropped');
  t.match(lines, [
    { level: 30, reqId: 'req-7', msg: 'info' },
    { level: 20, reqId: 'req-7', msg: 'debug' },
  ]);
  t.equal(lines.length, 2);
});

t.test("a request log's level and children are its bound child's", async (t) => {
  const { lines, log } = capture('info');
  t.equal(log.level, 'info');
  log.level = 'error';
  log.warn('dropped now');
  t.equal(lines.length, 0, 'the level set applies to the request');
  log.child({ step: 'x' }).error('from a child');
  t.match(lines, [{ level: 50, reqId: 'req-7', step: 'x', msg: 'from a child' }]);
});

t.test("a route's own log level decides for its requests, above or below the logger's", async (t) => {
  for (const [routeLevel, rootLevel, written] of [['debug', 'info', 2], ['error', 'info', 1]] as const) {
    const lines: Record<string, unknown>[] = [];
    const root = pino({ level: rootLevel }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const log = requestLogs(root)(root, { reqId: 'req-8' }, { level: routeLevel });
    log.debug('debug line');
    log.error('error line');
    t.equal(lines.length, written, `a ${routeLevel} route under an ${rootLevel} logger`);
    t.ok(lines.every((line) => line.reqId === 'req-8'));
  }
});

const probe = (app: FastifyInstance) =>
  app.get('/probe', (_request, reply) => ({ listeners: reply.raw.listenerCount('finish') }));

// The per-request cost Fastify adds for a logger (response listeners, a pino child) is paid
// only where a line per request is written.
t.test('at warn a request has no more response listeners than bare Fastify; at info its line names it once', async (t) => {
  const bare = Fastify({ logger: false });
  t.teardown(() => bare.close());
  probe(bare);
  const { listeners: none } = (await bare.inject({ method: 'GET', url: '/probe' })).json<{ listeners: number }>();
  for (const [level, listeners] of [['warn', none], ['info', none + 1]] as const) {
    const lines: string[] = [];
    const { app } = build(t, { logLevel: level, logStream: { write: (line: string) => void lines.push(line) } });
    probe(app);
    const res = await app.inject({ method: 'GET', url: '/probe' });
    t.same(res.json(), { listeners }, `${level}: ${listeners} finish listeners, bare Fastify's ${none}`);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    if (level === 'warn') t.same(logged, [], 'warn: nothing written');
    else {
      t.match(logged, [{ level: 30, msg: 'request', path: '/probe', reqId: String }]);
      t.equal(lines[0]?.split('"reqId"').length, 2, 'info: the id once in the line');
    }
  }
});
