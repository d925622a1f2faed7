import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { ConfigError } from '../../src/config.js';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/state/document.js';
import { call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';

const T = '2026-01-01T00:00:00.000Z';

async function scratch(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tim-state-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test('no file yet: starts empty, writes the file on close, and a restart restores it', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const first = buildApp({ stateFile: file });
  await first.ready();
  t.equal(first.mock.store.count(), 0);
  t.match(await call(t, first, REGISTER, { Identifier: 'alice.b', IdentifierType: 3, Password: 'pas122333' }), { ErrorCode: 0 });
  t.match(await call(t, first, IMPORT, { Identifier: 'bob', Nick: 'Bob' }), { ErrorCode: 0 });
  const accounts = first.mock.store.list();
  await first.close();

  const saved = JSON.parse(await readFile(file, 'utf8')) as StateDocument;
  t.match(saved, { format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: SDKAPPID }] });
  t.notMatch(JSON.stringify(saved), 'pas122333', 'no clear password on disk');

  const second = buildApp({ stateFile: file });
  t.teardown(() => second.close());
  await second.ready();
  t.same(second.mock.store.list(), accounts, 'the restart has every account back');
  t.same((await readdir(join(file, '..'))).sort(), ['state.json'], 'no temporary file is left behind');
});

t.test('the state is loaded before ready, after the fixtures, and replaces them', async (t) => {
  const dir = await scratch(t);
  const fixtures = join(dir, 'fixtures.json');
  const file = join(dir, 'state.json');
  await writeFile(fixtures, JSON.stringify({ accounts: [{ sdkappid: SDKAPPID, kind: 'standalone', identifier: 'from-fixtures' }] }));
  await writeFile(
    file,
    JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: SDKAPPID, accounts: [{ identifier: 'from-state', kind: 'standalone', createdAt: T, updatedAt: T }] }] }),
  );
  const app = buildApp({ stateFile: file, fixtures });
  t.teardown(() => app.close());
  await app.ready();
  t.same(app.mock.store.list().map((a) => a.identifier), ['from-state']);
});

t.test('an unchanged state is not rewritten on close', async (t) => {
  const file = join(await scratch(t), 'state.json');
  // Compact, unlike what the emulator writes: a rewrite would show.
  const text = JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 7, accounts: [{ identifier: 'bob', kind: 'standalone', createdAt: T, updatedAt: T }] }] });
  await writeFile(file, text);
  const app = buildApp({ stateFile: file });
  await app.ready();
  await app.close();
  t.equal(await readFile(file, 'utf8'), text);
});

t.test('a PUT /__mock/state is what the next close saves', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const app = buildApp({ stateFile: file });
  await app.ready();
  const doc = { format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 9, accounts: [{ identifier: 'imported', kind: 'standalone', createdAt: T, updatedAt: T }], deleted: [] }] };
  t.equal((await app.inject({ method: 'PUT', url: '/__mock/state', payload: doc })).statusCode, 200);
  await app.close();
  t.same(JSON.parse(await readFile(file, 'utf8')), doc);
});

const corrupt: Array<[string, string, RegExp]> = [
  ['not JSON', '{"format":"tim-account-mock/state","apps":[', /is not valid JSON/],
  ['empty', '', /is not valid JSON/],
  ['not a state document', '{"accounts":[]}', /is not a usable state document: format: /],
  ['a bad account', JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 7, accounts: [{ identifier: 'x', kind: 'hosted', createdAt: T, updatedAt: T }] }] }), /apps\[0\]\.accounts\[0\]/],
];
for (const [name, content, reason] of corrupt) {
  t.test(`a state file that is ${name} stops the start, is reported and is left alone`, async (t) => {
    const file = join(await scratch(t), 'state.json');
    await writeFile(file, content);
    const before = await readFile(file);
    const app = buildApp({ stateFile: file });
    const error = await app.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    t.type(error, ConfigError, 'a ConfigError, which the CLI prints and exits 2 on');
    t.match((error as Error).message, `state file ${file}`, 'the message names the file');
    t.match((error as Error).message, reason);
    t.match((error as Error).message, /left untouched/);
    await app.close();
    t.same(await readFile(file), before, 'byte for byte as it was, even after close');
  });
}

t.test('a state file that cannot be created stops the start', async (t) => {
  const file = join(await scratch(t), 'missing-dir', 'state.json');
  const app = buildApp({ stateFile: file });
  t.teardown(() => app.close());
  await t.rejects(async () => {
    await app.ready();
  }, { name: 'ConfigError', message: new RegExp(`state file ${file} cannot be created`) });
});

t.test('a state file that cannot be read stops the start', async (t) => {
  const file = join(await scratch(t), 'state.json');
  await mkdir(file);
  const app = buildApp({ stateFile: file });
  t.teardown(() => app.close());
  await t.rejects(async () => {
    await app.ready();
  }, { name: 'ConfigError', message: new RegExp(`state file ${file} cannot be read`) });
});
