import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { freshProject, gitRepositoryOfWorkingTree, npm, packWorkingTree, registryReachable, run } from './pack.js';

// A pack, and a git install that installs the dev dependencies to run prepare: minutes on a busy machine.
t.setTimeout(900_000);

/** One call answered, from a user's ESM file and from a CommonJS one. */
const CALL = `const mock = await startMockServer();
const query = 'sdkappid=1400000001&identifier=administrator&usersig=any&random=1&contenttype=json';
const res = await fetch(mock.url + '/v4/im_open_login_svc/account_import?' + query, { method: 'POST', body: '{"UserID":"installed01"}' });
const reply = await res.json();
console.log(JSON.stringify({ errorCode: reply.ErrorCode, accounts: mock.accounts().map((a) => a.identifier) }));
await mock.close();
`;
const ESM = `import { startMockServer } from 'tim-account-mock';\n${CALL}`;
// require() of an ES module: Node 20.19+ and 22.12+ without a flag.
const CJS = `const { startMockServer } = require('tim-account-mock');\n(async () => {\n${CALL}})();\n`;
const ANSWERED = { errorCode: 0, accounts: ['installed01'] };

const scratch = await mkdtemp(join(tmpdir(), 'tim-install-'));
t.teardown(() => rm(scratch, { recursive: true, force: true }));
const online = await registryReachable();

/** Installs `spec` into a fresh project and runs the ESM and CommonJS files there. */
async function installAndUse(t: Test, name: string, spec: string): Promise<void> {
  const project = await freshProject(join(scratch, name));
  await npm(['install', spec], project);
  const manifest = JSON.parse(await readFile(join(project, 'node_modules/tim-account-mock/package.json'), 'utf8')) as { name: string };
  t.equal(manifest.name, 'tim-account-mock');
  await writeFile(join(project, 'use.mjs'), ESM);
  await writeFile(join(project, 'use.cjs'), CJS);
  for (const file of ['use.mjs', 'use.cjs']) {
    const { stdout } = await run(process.execPath, [file], { cwd: project, timeout: 60_000 });
    t.same(JSON.parse(stdout.trim()), ANSWERED, `${name}: ${file} imports it and gets one call answered`);
  }
}

// The package's own dependencies (fastify, pino, ...) come from the npm cache, or the registry.
t.test('installed into fresh npm init -y projects, it imports from ESM and CommonJS and answers', { skip: !online && 'the npm registry is unreachable (npm ping failed): the installs need it for dependencies' }, async (t) => {
  const { tarball } = await packWorkingTree(scratch);
  const repository = await gitRepositoryOfWorkingTree(join(scratch, 'repository'));
  // Together: the git install spends most of its time installing the build's dev dependencies.
  // npm runs `prepare` (the build) for a git dependency: dist/ being there proves it ran.
  await Promise.all([installAndUse(t, 'from-tarball', tarball), installAndUse(t, 'from-git', repository)]);
});
