import t from 'tap';
import { startMockServer } from '../../src/index.js';
import { registerAccount } from './client.js';

const mock = await startMockServer();
t.teardown(() => mock.close());
t.beforeEach(() => mock.reset());

t.test('registers the account', async (t) => {
  await registerAccount(mock.url, 'alice01', 'alice-pass1');
  t.match(mock.accounts(), [{ sdkappid: 1400000001, identifier: 'alice01', kind: 'hosted' }]);
  t.match(mock.requests(), [{ path: '/v4/registration_service/register_account_v1', account: 'alice01', errorCode: 0 }]);
});

t.test('retries when the vendor answers 70405', async (t) => {
  mock.addFault({ path: '/v4/registration_service/register_account_v1', errorCode: 70405 }); // once
  await registerAccount(mock.url, 'bob0001', 'bob-pass12');
  t.same(mock.requests().map((r) => r.errorCode), [70405, 0]);
  t.match(mock.accounts(), [{ identifier: 'bob0001' }]);
});

t.test('gives up on an error that retrying cannot fix', async (t) => {
  mock.addFault({ errorCode: 70402 });
  await t.rejects(registerAccount(mock.url, 'carol01', 'carol-pass1'), /70402/);
  t.equal(mock.requests().length, 1);
  t.same(mock.accounts(), []);
});
