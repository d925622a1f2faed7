import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { ServedHosts } from '../../src/transport/hosts.js';
import { loadTlsMaterial } from '../../src/transport/tls/material.js';
import { build } from '../helper.js';
import { CLI, spawnNode } from '../ship/child.js';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'tim-tlsdir-'));
const settings = (tlsDir: string) => ({ tlsCert: undefined, tlsKey: undefined, tlsDir, names: new ServedHosts([]).certificateNames });

/** A TLS folder the emulator made: ca.pem, ca-key.pem, leaf.pem and leaf-key.pem, all valid. */
async function madeDir(): Promise<string> {
  const dir = freshDir();
  await loadTlsMaterial(settings(dir));
  return dir;
}

const refusal = async (dir: string): Promise<string> => {
  const err = await loadTlsMaterial(settings(dir)).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(err)}`);
  return err.message;
};

t.test('an unusable TIM_TLS_DIR is a ConfigError naming the setting, never an fs error', async (t) => {
  const file = join(freshDir(), 'a-file');
  writeFileSync(file, 'not a folder');
  t.match(await refusal(file), /^TIM_TLS_DIR .*a-file is not a directory$/, 'a regular file');
  t.match(await refusal(join(file, 'tls')), /^TIM_TLS_DIR .* cannot be used: ENOTDIR$/, 'a path under a file');

  const garbageKey = await madeDir();
  writeFileSync(join(garbageKey, 'ca-key.pem'), 'garbage');
  t.match(await refusal(garbageKey), /^TIM_TLS_DIR .*: ca-key\.pem is not the PEM/, 'a garbage ca-key.pem beside a valid leaf');

  const otherKey = await madeDir();
  cpSync(join(await madeDir(), 'ca-key.pem'), join(otherKey, 'ca-key.pem'));
  t.match(await refusal(otherKey), /^TIM_TLS_DIR .*: ca-key\.pem is not the PEM/, "another CA's key beside a valid leaf");

  // A leaf key that cannot be replaced (a folder in its place): the leaf is remade, then cannot be written.
  const unwritable = await madeDir();
  writeFileSync(join(unwritable, 'leaf.pem'), 'damaged');
  rmSync(join(unwritable, 'leaf-key.pem'));
  mkdirSync(join(unwritable, 'leaf-key.pem', 'inner'), { recursive: true });
  t.match(await refusal(unwritable), /^TIM_TLS_DIR .* cannot be written: E[A-Z]+$/, 'a folder that cannot be written');
});

t.test('a TIM_TLS_DIR that does not exist yet is made and filled', async (t) => {
  const dir = join(freshDir(), 'new', 'tls');
  t.equal((await loadTlsMaterial(settings(dir))).origin, 'generated');
  t.equal((await loadTlsMaterial(settings(dir))).origin, 'saved', 'and loaded again');
});

t.test('without an HTTPS port, the start warns once and GET /__mock/tls/ca.pem is a 500 naming TIM_TLS_DIR', async (t) => {
  const file = join(freshDir(), 'a-file');
  writeFileSync(file, 'not a folder');
  const lines: string[] = [];
  const { app } = build(t, { tlsDir: file, logStream: { write: (line: string) => void lines.push(line) }, logLevel: 'info' });
  await app.ready();
  const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
  t.equal(warnings.length, 1, 'one warning');
  t.match(warnings[0]?.msg, /^TIM_TLS_DIR .*a-file is not a directory: GET \/__mock\/tls\/ca\.pem/);
  const res = await app.inject({ method: 'GET', url: '/__mock/tls/ca.pem' });
  t.equal(res.statusCode, 500);
  t.match(res.json(), { statusCode: 500, message: /^TIM_TLS_DIR .* is not a directory$/ });
  t.equal(lines.map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level === 40).length, 1, 'still one warning');
});

t.test('the CLI with TIM_TLS_DIR naming a file and an HTTPS port: one line naming the setting, exit 2, no stack', async (t) => {
  const file = join(freshDir(), 'a-file');
  writeFileSync(file, 'not a folder');
  const c = spawnNode([CLI], { TIM_TLS_DIR: file, TIM_HTTPS_PORT: '0', PORT: '0' });
  t.equal((await c.exited).code, 2);
  t.equal(c.stderr(), `tim-account-mock: TIM_TLS_DIR ${file} is not a directory\n`);
});
