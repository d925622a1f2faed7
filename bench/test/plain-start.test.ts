import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * A plain in-process start (no HTTPS port, no interception, no token, no state file, nobody
 * reading the docs) loads none of the code those need: each would lengthen the start every user
 * pays in every test file. Run against dist/, as users import it.
 */
const script = fileURLToPath(new URL('../startup/loaded.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

t.test('a plain start and a vendor call load no TLS, interception, docs, pretty-log, token or Ajv code', { skip: !existsSync(dist) && 'run npm run build first' }, async (t) => {
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  t.equal(child.status, 0, child.stderr);
  const loaded = JSON.parse(child.stdout) as string[];
  t.ok(loaded.includes('fastify'), 'the check sees the packages a start loads');
  for (const pkg of [
    '@peculiar/x509',
    'reflect-metadata',
    '@mswjs/interceptors',
    '@fastify/swagger',
    '@fastify/swagger-ui',
    '@fastify/static',
    'yaml',
    'pino-pretty',
    '@fastify/bearer-auth',
    '@sinclair/typebox',
    // Fastify's Ajv validator compiler: no route of the emulator validates with it.
    '@fastify/ajv-compiler',
    // Fastify's serializer compiler and the Ajv it loads: vendor replies have their own serializer.
    '@fastify/fast-json-stringify-compiler',
    'ajv',
  ]) {
    t.notOk(loaded.includes(pkg), `${pkg} is not loaded`);
  }
});
