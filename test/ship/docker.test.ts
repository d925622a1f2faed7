import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ROOT } from './child.js';

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's instructions per stage: continuation lines joined, comments dropped. */
function stages(text: string): Instruction[][] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const result: Instruction[][] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const instruction = { op: op.toUpperCase(), args: rest.join(' ') };
    if (instruction.op === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const all = stages(dockerfile);
const build = all[0] ?? [];
const runtime = all.at(-1) ?? [];
const args = (stage: Instruction[], op: string): string[] => stage.filter((i) => i.op === op).map((i) => i.args);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

t.test('two stages: the build one compiles with dev dependencies', async (t) => {
  t.equal(all.length, 2);
  const runs = args(build, 'RUN').join('\n');
  t.match(runs, /\bnpm ci\b/);
  t.notMatch(runs, /--omit=dev/, 'the build installs dev dependencies (TypeScript)');
  t.match(build[0]?.args, /^node:24-bookworm-slim(@sha256:[0-9a-f]+)? AS \w+$/i, 'built on Node 24, as it runs');
  t.match(runs, /\bnpm run build\b/);
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { outDir: string } };
  t.equal(tsconfig.compilerOptions.outDir, 'dist', 'the build writes dist/, which the runtime stage copies');
});

t.test('the runtime stage: slim Node 24, production dependencies, compiled output, unprivileged', async (t) => {
  t.match(runtime[0]?.args, /^node:24-bookworm-slim(@sha256:[0-9a-f]+)? AS \w+$/i, 'an official slim Node 24 image (the active LTS)');
  const runs = args(runtime, 'RUN').join('\n');
  t.match(runs, /\bnpm ci --omit=dev --ignore-scripts\b/, 'production dependencies only, no install scripts');
  t.notMatch(runs.replace(/npm ci --omit=dev --ignore-scripts/g, ''), /\bnpm (ci|install|i)\b/, 'no other install');
  const copies = args(runtime, 'COPY');
  t.ok(copies.some((c) => /^--from=\w+ \/app\/dist \.\/dist$/.test(c)), 'the compiled output comes from the build stage');
  for (const copy of copies) t.notMatch(copy, /\b(src|test|node_modules|tsconfig)\b/, `no sources or dev files: COPY ${copy}`);
  t.same(args(runtime, 'USER'), ['node'], 'runs as the node user');
  t.match(args(runtime, 'ENV').join(' '), /\bHOST=0\.0\.0\.0\b/, 'listens on every interface');
  t.same(args(runtime, 'EXPOSE'), ['8080 8443'], 'HTTP and the HTTPS listener (TIM_HTTPS_PORT=8443)');
  const userAt = runtime.findIndex((i) => i.op === 'USER');
  t.ok(userAt > 0 && userAt < runtime.findIndex((i) => i.op === 'ENTRYPOINT'), 'USER comes before the entrypoint');
});

t.test('/data is writable by the node user and by any UID in group 0 (the OpenShift convention)', async (t) => {
  const runs = args(runtime, 'RUN').join('\n');
  t.match(runs, /mkdir -p \/data\b/);
  t.match(runs, /\b(chown node:0|chgrp 0) \/data\b/, 'group 0 owns it');
  t.match(runs, /\bchmod g=u \/data\b/, 'the group may do what the owner may');
  const dataAt = runtime.findIndex((i) => i.op === 'RUN' && i.args.includes('/data'));
  t.ok(dataAt < runtime.findIndex((i) => i.op === 'USER'), 'made while still root');
});

t.test('HEALTHCHECK runs node with the compiled health-check script, every 2 s, on every engine', async (t) => {
  const [healthcheck = ''] = args(runtime, 'HEALTHCHECK');
  t.match(healthcheck, /CMD \["node", "dist\/healthcheck\.js"\]$/);
  t.ok(existsSync(join(ROOT, 'src/cli/healthcheck.ts')), 'which is built from src/cli/healthcheck.ts');
  t.match(healthcheck, /--timeout=3s/, "Docker's timeout is above the script's own 2 s");
  // Docker Engine before 25 (Debian 12's docker.io is 20.10) refuses a Dockerfile that names it.
  t.notMatch(healthcheck, /--start-interval/, 'no --start-interval: the image builds on Engine 20.10');
  const seconds = (flag: string): number => {
    const match = new RegExp(`--${flag}=(\\d+)(ms|s)\\b`).exec(healthcheck);
    t.ok(match, `--${flag} is set`);
    return match === null ? Number.NaN : Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
  };
  // A ready container is healthy by the next check, so the interval bounds the lag.
  t.ok(seconds('interval') <= 2, 'a check at least every 2 s: healthy within 3 s of ready');
  t.ok(seconds('start-period') >= 10, 'the start period outlasts a slow start');
  const retries = Number(/--retries=(\d+)/.exec(healthcheck)?.[1]);
  t.ok(retries * seconds('interval') >= 10, 'a running container is called unhealthy only after 10 s of failed checks');
});

t.test('ENTRYPOINT runs the bin, so that arguments are its flags; there is no CMD', async (t) => {
  t.same(
    args(runtime, 'ENTRYPOINT'),
    [`["node", "--expose-gc", "${pkg.bin['tim-account-mock']}"]`],
    'exec form: node is PID 1 and gets the signals; --expose-gc as the bin\'s shebang gives it',
  );
  t.same(args(runtime, 'CMD'), [], '`docker run IMG --port 9000` passes --port 9000 to the CLI');
});

t.test('.dockerignore keeps node_modules, tests, git and dist out; everything COPY needs is there', async (t) => {
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const entry of ['node_modules', 'test', '.git', 'dist']) t.ok(ignored.includes(entry), `${entry} is ignored`);
  const sources = [...build, ...runtime]
    .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
    .flatMap((i) => i.args.split(' ').slice(0, -1));
  t.ok(sources.length > 0);
  for (const source of sources) {
    t.ok(existsSync(join(ROOT, source)), `${source} exists`);
    t.notOk(ignored.includes(source), `${source} is in the build context`);
  }
});
