import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';

// The documents' code examples are tested files, so they cannot rot: a block marked
// `<!-- example: FILE -->` in README.md or any docs/*.md must be FILE with the import paths a
// user's project would have. Which document shows which file is read from the documents.
const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');
const documents = ['README.md', ...readdirSync(new URL('docs/', ROOT)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

const PACKAGE_ENTRY = "'../../src/index.js'";
const asUserWrites = (source: string): string =>
  source.replaceAll(PACKAGE_ENTRY, "'tim-account-mock'").replaceAll("'./client.js'", "'../src/tim-client.js'");

interface Shown {
  document: string;
  file: string;
  code: string;
}
const shown: Shown[] = [];
for (const document of documents) {
  const text = read(document);
  const blocks = [...text.matchAll(/<!-- example: (\S+) -->\n```[a-z]*\n([\s\S]*?)```\n/g)];
  t.equal(blocks.length, text.split('<!-- example:').length - 1, `${document}: every example marker is followed by a fenced block`);
  for (const [, file = '', code = ''] of blocks) shown.push({ document, file, code });
}

t.test('the documents show examples', async (t) => {
  t.ok(shown.some((s) => s.document === 'README.md'), 'README.md shows at least one');
});

for (const { document, file, code } of shown) {
  t.test(`${document}: example ${file} is the tested file`, async (t) => {
    t.equal(code, asUserWrites(read(file)));
  });
}

/**
 * The example files are the ones in test/e2e written as a user writes them: each imports the
 * package entry, and the files they import from test/e2e (the client they test) are examples
 * too. Each must stay shown in some document, so that none is dropped in a move.
 */
t.test('every example file is shown in some document', async (t) => {
  const e2e = readdirSync(new URL('test/e2e/', ROOT)).filter((f) => f.endsWith('.ts'));
  const examples = new Set<string>();
  for (const name of e2e) {
    const source = read(`test/e2e/${name}`);
    if (!source.includes(`from ${PACKAGE_ENTRY}`)) continue;
    examples.add(`test/e2e/${name}`);
    for (const [, local] of source.matchAll(/from '\.\/([\w-]+)\.js'/g)) examples.add(`test/e2e/${local}.ts`);
  }
  t.ok(examples.size >= 4, `found the example files: ${[...examples].join(', ')}`);
  const shownFiles = new Set(shown.map((s) => s.file));
  t.same(
    [...examples].filter((file) => !shownFiles.has(file)),
    [],
    'no example file is left out of the documents',
  );
});
