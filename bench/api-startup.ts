/**
 * In-process start-up with the whole API routed: in a new Node process, import the package,
 * startMockServer(), one account_import call, close(); CPU and wall time of each part.
 * Builds are compared by giving their dist/ folders (an older build to compare against goes first):
 *
 *   npm run build && tsx bench/api-startup.ts [--runs 15] <dist dir> [<dist dir> ...]
 *
 * Runs alternate between the builds so that drift on a shared host falls on each alike.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '15' } }, allowPositionals: true });
const dists = (positionals.length > 0 ? positionals : ['dist']).map((d) => resolve(d));
const runs = Number(values.runs);

const child = (dist: string) => `
const cpu0 = process.cpuUsage(); const t0 = performance.now();
const { startMockServer } = await import(${JSON.stringify(`${dist}/index.js`)});
const t1 = performance.now(); const cpu1 = process.cpuUsage(cpu0);
const mock = await startMockServer();
const res = await fetch(mock.url + '/v4/im_open_login_svc/account_import?sdkappid=1400000001&identifier=administrator&usersig=x&random=1&contenttype=json', { method: 'POST', body: '{"UserID":"a"}' });
if ((await res.json()).ErrorCode !== 0) throw new Error('the call failed');
await mock.close();
const t2 = performance.now(); const cpu2 = process.cpuUsage(cpu0);
console.log(JSON.stringify({ importMs: t1 - t0, startCallCloseMs: t2 - t1, importCpuMs: (cpu1.user + cpu1.system) / 1000, startCpuMs: (cpu2.user + cpu2.system - cpu1.user - cpu1.system) / 1000 }));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const results = dists.map(() => [] as Record<string, number>[]);
for (let i = 0; i < runs; i++) {
  dists.forEach((dist, j) => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child(dist)], { encoding: 'utf8' });
    (results[j] as Record<string, number>[]).push(JSON.parse(out));
  });
}
dists.forEach((dist, j) => {
  const rows = results[j] as Record<string, number>[];
  const m = (k: string) => median(rows.map((r) => r[k] as number)).toFixed(1);
  console.log(`${dist}: median of ${runs}: import ${m('importMs')} ms, start + call + close ${m('startCallCloseMs')} ms, CPU: import ${m('importCpuMs')} ms, start + call + close ${m('startCpuMs')} ms`);
});
