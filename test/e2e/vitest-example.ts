import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { registerAccount } from './client.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

test('registers the account', async () => {
  await registerAccount(mock.url, 'alice01', 'alice-pass1');
  expect(mock.accounts()).toMatchObject([{ sdkappid: 1400000001, identifier: 'alice01', kind: 'hosted' }]);
  expect(mock.requests()).toMatchObject([{ path: '/v4/registration_service/register_account_v1', account: 'alice01', errorCode: 0 }]);
});

test('retries when the vendor answers 70405', async () => {
  mock.addFault({ path: '/v4/registration_service/register_account_v1', errorCode: 70405 }); // once
  await registerAccount(mock.url, 'bob0001', 'bob-pass12');
  expect(mock.requests().map((r) => r.errorCode)).toEqual([70405, 0]);
  expect(mock.accounts()).toMatchObject([{ identifier: 'bob0001' }]);
});

test('gives up on an error that retrying cannot fix', async () => {
  mock.addFault({ errorCode: 70402 });
  await expect(registerAccount(mock.url, 'carol01', 'carol-pass1')).rejects.toThrow(/70402/);
  expect(mock.requests()).toHaveLength(1);
  expect(mock.accounts()).toEqual([]);
});
