import { readFileSync } from 'node:fs';
import t from 'tap';

// The README's in-process examples are these files, so they cannot rot: each block marked
// `<!-- example: FILE -->` must be FILE with the import paths a user's project would have.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const asUserWrites = (source: string): string =>
  source.replaceAll("'../../src/index.js'", "'tim-account-mock'").replaceAll("'./client.js'", "'../src/tim-client.js'");

const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)];

t.test('the README shows the client and both test examples', async (t) => {
  t.same(
    blocks.map((b) => b[1]),
    ['test/e2e/client.ts', 'test/e2e/tap-example.test.ts', 'test/e2e/node-test-example.ts'],
  );
});

for (const [, file, code] of blocks) {
  t.test(`README example ${file} is the tested file`, async (t) => {
    t.equal(code, asUserWrites(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')));
  });
}
