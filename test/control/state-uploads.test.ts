import t from 'tap';
import { once } from 'node:events';
import { connect } from 'node:net';
import { startMockServer } from '../../src/in-process.js';
import { STATE_FORMAT, STATE_VERSION } from '../../src/services/state-file/document.js';
import { until } from '../ship/child.js';

const T = '2026-01-01T00:00:00.000Z';
const LIMIT = 1024;
const stateOf = (n: number, prefix: string): string =>
  JSON.stringify({
    format: STATE_FORMAT,
    version: STATE_VERSION,
    apps: [{ sdkappid: 1400000001, accounts: Array.from({ length: n }, (_, i) => ({ identifier: `${prefix}${i}`, kind: 'standalone', createdAt: T, updatedAt: T })) }],
  });

t.test('one state body over the body limit is read at a time: a second one meanwhile gets 429, small ones pass', async (t) => {
  const mock = await startMockServer({ bodyLimit: LIMIT });
  t.teardown(() => mock.close());
  const put = (body: string) => fetch(`${mock.url}/__mock/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
  const large = stateOf(40, 'large');
  const small = stateOf(1, 's');
  t.ok(Buffer.byteLength(large) > LIMIT && Buffer.byteLength(small) <= LIMIT);

  // An upload that sends half of its body and waits.
  const slow = connect(mock.port, '127.0.0.1');
  await once(slow, 'connect');
  let answer = '';
  slow.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  const slowBody = stateOf(40, 'slow');
  slow.write(`PUT /__mock/state HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(slowBody)}\r\n\r\n`);
  slow.write(slowBody.slice(0, 100));

  // The second large upload is refused once the first one is being read (polled: the first
  // reaches the server in its own time).
  let refused: Response | undefined;
  await until(
    async () => {
      const res = await put(large);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
      return res.status === 429;
    },
    10_000,
    'a 429',
  );
  t.equal(refused?.headers.get('content-type'), 'application/json; charset=utf-8');
  t.same(await refused?.json(), { statusCode: 429, error: 'Too Many Requests', message: 'another large control body is being read; send this one again when it is done' });
  t.equal(refused?.headers.get('retry-after'), '1');

  const meanwhile = await put(small);
  t.equal(meanwhile.status, 200, 'a body within the limit is not held back');
  t.same(await meanwhile.json(), { apps: 1, accounts: 1 });

  slow.end(slowBody.slice(100));
  await until(() => answer.includes('\r\n\r\n{'), 10_000, 'the slow upload to be answered');
  t.match(answer, /^HTTP\/1\.1 200 OK/);
  t.same(mock.accounts(1400000001).length, 40);

  const after = await put(large);
  t.equal(after.status, 200, 'the next large body is read once the first is answered');
  t.same(await after.json(), { apps: 1, accounts: 40 });

  // An upload whose client goes away frees the slot too.
  const quitter = connect(mock.port, '127.0.0.1');
  await once(quitter, 'connect');
  quitter.write(`PUT /__mock/state HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(large)}\r\n\r\n{`);
  await until(async () => (await put(large)).status === 429, 10_000, 'the quitter to hold the slot');
  quitter.destroy();
  await until(async () => (await put(large)).status === 200, 10_000, 'the slot to be free again');
  t.pass('the slot is free after a client went away mid-upload');
});

t.test('the state body limit is a setting (TIM_STATE_BODY_LIMIT): a larger body is refused', async (t) => {
  const mock = await startMockServer({ bodyLimit: LIMIT, stateBodyLimit: 4096 });
  t.teardown(() => mock.close());
  const put = (body: string) => fetch(`${mock.url}/__mock/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
  const fits = stateOf(20, 'f');
  t.ok(Buffer.byteLength(fits) <= 4096 && Buffer.byteLength(fits) > LIMIT);
  t.equal((await put(fits)).status, 200);
  const over = stateOf(60, 'o');
  t.ok(Buffer.byteLength(over) > 4096);
  const res = await put(over);
  t.equal(res.status, 413);
  t.match(await res.json(), { statusCode: 413 });
});
