import assert from 'node:assert/strict';
import { startMockServer } from '../../src/index.js';
import { registerAccount } from './client.js';

const mock = await startMockServer(); // 127.0.0.1 on a free port, no log output
try {
  mock.addFault({ errorCode: 70405 }); // the next call fails, as the vendor's sometimes do
  await registerAccount(mock.url, 'alice01', 'alice-pass1'); // your code, pointed at mock.url
  assert.deepEqual(
    mock.requests().map((r) => r.errorCode),
    [70405, 0], // it retried
  );
  assert.equal(mock.accounts()[0]?.identifier, 'alice01');
} finally {
  await mock.close();
}
