import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from '../../src/services/state-file/document.js';
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
  t.same(await readdir(dirname(file)), ['state.json'], 'the unchanged text written meanwhile was removed');
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

const stateWith = (identifier: string): string =>
  JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, apps: [{ sdkappid: 7, accounts: [{ identifier, kind: 'standalone', createdAt: T, updatedAt: T }] }] });
const [beforeBadBytes, afterBadBytes] = stateWith('al|ce').split('|') as [string, string];

const corrupt: Array<[string, string | Buffer, RegExp]> = [
  ['not JSON', '{"format":"tim-account-mock/state","apps":[', /is not valid JSON \(line 1, column 44\); it was left untouched$/],
  ['empty', '', /is not valid JSON \(line 1, column 1\)/],
  // An overlong encoding of '/' between two letters: a lenient decoder turns it into U+FFFD U+FFFD.
  ['not UTF-8', Buffer.concat([Buffer.from(beforeBadBytes), Buffer.from([0xc0, 0xaf]), Buffer.from(afterBadBytes)]), /is not UTF-8 text; it was left untouched$/],
  ['a lone continuation byte', Buffer.concat([Buffer.from(beforeBadBytes), Buffer.from([0x80]), Buffer.from(afterBadBytes)]), /is not UTF-8 text/],
  ['a BOM in UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(stateWith('alice'), 'utf16le')]), /is not UTF-8 text/],
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

t.test('a state file that starts with a UTF-8 BOM is loaded', async (t) => {
  const file = join(await scratch(t), 'state.json');
  await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stateWith('alice'))]));
  const app = buildApp({ stateFile: file });
  t.teardown(() => app.close());
  await app.ready();
  t.same(app.mock.store.list().map((a) => a.identifier), ['alice']);
});

t.test('the message about a state file that is not JSON quotes none of its text', async (t) => {
  const file = join(await scratch(t), 'state.json');
  const hash = 'sha256$c2FsdHNhbHQ$e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  await writeFile(file, stateWith('alice').replace('"kind"', `"passwordHash":${hash},"kind"`));
  const app = buildApp({ stateFile: file });
  const error = await app.ready().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  await app.close();
  t.match(error?.message, /is not valid JSON \(line 1, column \d+\); it was left untouched$/);
  t.notMatch(error?.message, /sha256|e3b0c4|passwordHash/, 'nothing of the file is quoted');
});
