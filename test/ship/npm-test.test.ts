import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import t from 'tap';
// @ts-expect-error: a plain ES module of the test tooling, without types.
import { gatesBesideSuite } from '../ts/beside.mjs';

/** A child node process running `code`, its output piped. */
const child = (code: string) => spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
};

// npm test runs the gates beside the suite (test/npm-test.mjs); these pin what it promises.
t.test('failing gates stop a suite still running, print their output once, and fail', async (t) => {
  const out = collect();
  const err = collect();
  const suite = child('setInterval(() => {}, 1000)');
  const code = await gatesBesideSuite(child('console.log("src/x.ts(1,1): error TS2322"); process.exit(2)'), suite, out.stream, err.stream);
  t.equal(code, 1);
  t.equal(suite.signalCode, 'SIGTERM', 'the suite was stopped');
  t.equal(out.text(), 'src/x.ts(1,1): error TS2322\n', "the gates' output, held and printed");
  t.match(err.text(), 'the gates failed (npm run check, exit 2)');
});

t.test("passing gates leave the suite's code as the answer", async (t) => {
  for (const suiteCode of [0, 1]) {
    const err = collect();
    const code = await gatesBesideSuite(child('process.exit(0)'), child(`setTimeout(() => process.exit(${suiteCode}), 200)`), collect().stream, err.stream);
    t.equal(code, suiteCode);
    t.match(err.text(), 'the gates passed');
  }
});
