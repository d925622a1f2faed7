import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { startMockServer } from '../../src/index.js';
import { registerAccount } from './client.js';

const mock = await startMockServer();
after(() => mock.close());
beforeEach(() => mock.reset());

test('registers the account', async () => {
  await registerAccount(mock.url, 'alice01', 'alice-pass1');
  assert.deepEqual(
    mock.accounts().map((a) => [a.identifier, a.kind]),
    [['alice01', 'hosted']],
  );
  assert.equal(mock.requests().length, 1);
});

test('retries when the vendor answers 70405', async () => {
  mock.addFault({ path: '/v4/registration_service/register_account_v1', errorCode: 70405 }); // once
  await registerAccount(mock.url, 'bob0001', 'bob-pass12');
  assert.deepEqual(
    mock.requests().map((r) => r.errorCode),
    [70405, 0],
  );
  assert.equal(mock.accounts()[0]?.identifier, 'bob0001');
});
