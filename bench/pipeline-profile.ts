import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { buildCeiling } from './ceiling-app.js';
import { flags, IMPORT_PATH, importBody, machine, queryFor, RESULTS, round } from './lib.js';

/**
 * npm run bench:profile -- [--calls 150000] [--warmup 20000] [--interval 50] [--rows 30]
 *
 * Where the emulator's CPU goes per call, against the ceiling's, without sockets or a load
 * generator: both apps answer account_import calls through `inject` (a new identifier each
 * time, the bench's body) in this process, each under V8's sampling profiler, and self time is
 * compared per function and per source (the emulator's files, each npm package, Node's
 * modules). `inject` costs the same for both, so the differences are the pipelines'. Ratios
 * of `npm run bench` stay the verdict; this says what makes the difference. The rows of the
 * emulator's own functions repeat within a few tenths of a µs from run to run; the garbage
 * collector's row does not (it moved from 26 to 53 µs per call between two runs of the same
 * code), so compare it over several runs.
 */
const opts = flags({ calls: '150000', warmup: '20000', interval: '50', rows: '30' });
const QUERY = queryFor('x');

let next = 0;
async function calls(app: FastifyInstance, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await app.inject({ method: 'POST', url: `${IMPORT_PATH}?${QUERY}`, payload: importBody(`user${next++}`) });
    if (res.statusCode !== 200 || !res.body.endsWith('"ErrorCode":0}')) throw new Error(`unexpected answer: ${res.body}`);
  }
}

async function profile(app: FastifyInstance): Promise<Profiler.Profile> {
  await app.ready();
  await calls(app, opts.warmup);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: opts.interval });
  await session.post('Profiler.start');
  await calls(app, opts.calls);
  const { profile: result } = await session.post('Profiler.stop');
  session.disconnect();
  await app.close();
  return result;
}

/** Where a function lives: the emulator's file, the npm package, Node's module, or a V8 pseudo-frame. */
function sourceOf({ url, functionName }: Profiler.ProfileNode['callFrame']): string {
  if (url === '') return functionName.startsWith('(') ? functionName : `(native ${functionName || 'code'})`;
  const src = url.indexOf('/src/');
  if (src !== -1 && !url.includes('node_modules')) return url.slice(src + 1);
  const pkg = url.lastIndexOf('node_modules/');
  if (pkg !== -1) {
    const [scope = '', name = ''] = url.slice(pkg + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  return url.startsWith('node:') ? url : (url.split('/').pop() ?? url);
}

/** µs of self time per call, by source and by function; idle time left out. */
function selfTime(p: Profiler.Profile): { bySource: Map<string, number>; byFunction: Map<string, number> } {
  const ticks = new Map<number, number>();
  p.samples?.forEach((id, i) => ticks.set(id, (ticks.get(id) ?? 0) + (p.timeDeltas?.[i] ?? 0)));
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us / opts.calls);
  for (const node of p.nodes) {
    const us = ticks.get(node.id) ?? 0;
    if (us === 0 || node.callFrame.functionName === '(idle)') continue;
    const source = sourceOf(node.callFrame);
    add(bySource, source, us);
    add(byFunction, `${node.callFrame.functionName || '(anonymous)'} ${source}:${node.callFrame.lineNumber + 1}`, us);
  }
  return { bySource, byFunction };
}

function table(title: string, ceiling: Map<string, number>, emulator: Map<string, number>): string {
  const keys = [...new Set([...ceiling.keys(), ...emulator.keys()])];
  const diff = (k: string) => (emulator.get(k) ?? 0) - (ceiling.get(k) ?? 0);
  const rows = keys
    .sort((a, b) => Math.abs(diff(b)) - Math.abs(diff(a)))
    .slice(0, opts.rows)
    .map((k) => `| ${k} | ${round(ceiling.get(k) ?? 0, 2)} | ${round(emulator.get(k) ?? 0, 2)} | ${round(diff(k), 2)} |`);
  return [`${title}, µs of self time per call (largest differences first, either way):`, '', '| where | ceiling | emulator | difference |', '|---|---|---|---|', ...rows, ''].join('\n');
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

// The ceiling first, so that the emulator's growing store is not in the ceiling's heap.
const ceiling = selfTime(await profile(buildCeiling()));
const emulator = selfTime(await profile(buildApp({ logger: false, rateLimit: 0 })));

const when = new Date().toISOString();
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, `profile-${when.replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ when, machine: machine(), opts, ceiling: Object.fromEntries(ceiling.byFunction), emulator: Object.fromEntries(emulator.byFunction) }, null, 2),
);
process.stdout.write(
  [
    `${opts.calls} calls each after ${opts.warmup} warm-up calls, sampled every ${opts.interval} µs; CPU µs per call: ceiling ${round(total(ceiling.bySource), 1)}, emulator ${round(total(emulator.bySource), 1)}`,
    '',
    table('By source', ceiling.bySource, emulator.bySource),
    table('By function', ceiling.byFunction, emulator.byFunction),
  ].join('\n'),
);
