import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { verifyPassword } from '../accounts/verify-password.js';
import { ConfigError } from '../../src/shared/mock-errors.js';
import { optionsFromProcess } from '../../src/config/settings.js';
import { startMockServer } from '../../src/in-process.js';
import { fixtureJsonSchema } from '../../src/services/fixtures/schema.js';
import { build, call, REGISTER, SDKAPPID } from '../helper.js';
import { json } from './json.js';

// Fastify's own JSON Schema validator, standing in for an editor's.
const require = createRequire(import.meta.url);
const { Ajv } = require('ajv') as { Ajv: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } } };
const addFormats = (require('ajv-formats') as { default: (ajv: object) => void }).default;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'fixtures/accounts.example.json');
const SCHEMA_FILE = join(ROOT, 'fixtures/accounts.schema.json');

/** Writes a fixture file in a directory removed when the test ends. */
function fixtureFile(t: Test, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tim-fixtures-'));
  t.teardown(() => import('node:fs').then((fs) => fs.rmSync(dir, { recursive: true, force: true })));
  const file = join(dir, 'accounts.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The error that stops the app from becoming ready. */
async function startError(t: Test, fixtures: string): Promise<Error> {
  const { app } = build(t, { fixtures });
  const error = await app.ready().then(
    () => undefined,
    (e: Error) => e,
  );
  t.ok(error, 'the app does not become ready');
  return error as Error;
}

t.test('the shipped JSON Schema file is the TypeBox schema the loader checks against', async (t) => {
  const shipped = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  t.same(
    shipped,
    fixtureJsonSchema(),
    'fixtures/accounts.schema.json is stale: regenerate it with\n' +
      '  npx tsx -e "import(\'./src/services/fixtures/schema.ts\').then((m) => console.log(JSON.stringify(m.fixtureJsonSchema(), null, 2)))" > fixtures/accounts.schema.json',
  );
});

t.test('the shipped example is valid by the shipped JSON Schema, as an editor would check it', async (t) => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  t.ok(validate(JSON.parse(readFileSync(EXAMPLE, 'utf8'))), JSON.stringify(validate.errors));
  t.notOk(validate({ accounts: [{ sdkappid: 1, kind: 'standalone', identifier: 'x', password: 'p' }] }), 'and it refuses a password on a standalone account');
});

t.test('the shipped example loads at start, before the first request is answered', async (t) => {
  const { app } = build(t, { fixtures: EXAMPLE });
  const health = await json(app, 'GET', '/health');
  t.same([health.status, health.body], [200, { status: 'ok' }]);
  const { accounts } = (await json(app, 'GET', '/__mock/accounts')).body;
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')).accounts as { identifier: string }[];
  t.same(
    accounts.map((a: { identifier: string }) => a.identifier),
    example.map((a) => a.identifier),
    'every account of the file, in its order',
  );
  t.match(accounts.find((a: { identifier: string }) => a.identifier === 'helper_bot'), {
    sdkappid: 1400000002,
    kind: 'standalone',
    type: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-03-01T12:30:00.000Z',
  });
  t.ok(verifyPassword('alice-pass1', app.mock.store.get(SDKAPPID, 'ALICE')?.passwordHash as string), 'passwords are hashed on the way in');
  t.match(await call(t, app, REGISTER, { Identifier: 'Alice', IdentifierType: 3, Password: 'password1' }), { ErrorCode: 70402 }, 'the vendor endpoints see them');
});

t.test('a fixture file that cannot be read stops the start, naming the file', async (t) => {
  // Inside the test's own directory, which nothing else creates: the directory does not exist.
  const missing = join(t.testdir(), 'no-such-dir', 'accounts.json');
  const error = await startError(t, missing);
  t.type(error, ConfigError);
  t.match(error.message, `fixtures file ${missing} cannot be read`);
});

t.test('a fixture file that is not JSON stops the start, naming the file', async (t) => {
  const file = fixtureFile(t, '{"accounts": [');
  const error = await startError(t, file);
  t.type(error, ConfigError);
  t.match(error.message, `fixtures file ${file} is not valid JSON`);
});

t.test('a bad entry stops the start, naming the file and the entry; nothing of the file is stored', async (t) => {
  const file = fixtureFile(t, {
    accounts: [
      { sdkappid: SDKAPPID, kind: 'standalone', identifier: 'fine' },
      { sdkappid: SDKAPPID, kind: 'hosted', identifier: 'ab', identifierType: 3, password: 'password1' },
    ],
  });
  const { app } = build(t, { fixtures: file });
  const error = (await app.ready().then(
    () => undefined,
    (e: Error) => e,
  )) as Error;
  t.type(error, ConfigError);
  t.match(error.message, `fixtures file ${file}: accounts[1] ('ab' in app ${SDKAPPID}): `);
  t.match(error.message, /70419/);
  t.equal(app.mock.store.count(), 0, 'not even the good entry');

  const shape = await startError(t, fixtureFile(t, [{ sdkappid: SDKAPPID }]));
  t.match(shape.message, /expected a JSON object \{"accounts":\[\.\.\.\]\}/);
});

t.test('an entry for an app that is not declared stops a declared-mode start', async (t) => {
  const file = fixtureFile(t, { accounts: [{ sdkappid: 42, kind: 'standalone', identifier: 'x' }] });
  const { app } = build(t, { fixtures: file, apps: [{ sdkappid: SDKAPPID, admin: 'administrator', secretKey: 'k' }] });
  await t.rejects(async () => {
    await app.ready();
  }, { name: 'ConfigError', message: /accounts\[0\].*app 42 is not declared/ });
});

t.test('the CLI prints the message and exits non-zero for a bad fixture file (TIM_FIXTURES and --fixtures)', async (t) => {
  const file = fixtureFile(t, { accounts: [{ sdkappid: SDKAPPID, kind: 'robot', identifier: 'x' }] });
  const message = `fixtures file ${file}: accounts[0] ('x' in app ${SDKAPPID}): kind`;
  // The variable and the flag name the same file, in process; one CLI child shows the failed start.
  for (const [args, env] of [
    [[], { TIM_FIXTURES: file }],
    [['--fixtures', file], {}],
  ] as [string[], Record<string, string>][]) {
    const options = optionsFromProcess(args, { PORT: '0', ...env });
    await t.rejects(startMockServer({ ...options, logLevel: 'silent' }), { name: 'ConfigError', message }, `${args.join(' ') || 'TIM_FIXTURES'}: the start is refused`);
  }
  const child = spawn(process.execPath, [join(ROOT, 'src/cli/main.ts'), '--fixtures', file], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  t.equal(code, 2, 'the CLI exits 2');
  t.match(stderr, message, 'the message names the file and the entry');
});
