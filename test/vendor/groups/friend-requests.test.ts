import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, call, SDKAPPID } from '../../helper.js';

// A friend_add to a peer whose AllowType needs confirmation (AllowType_Type_NeedConfirm, the
// default) answers 30539 and leaves a pending request; the peer's own friend_add to the requester
// confirms it (https://cloud.tencent.com/document/product/269/1643, the AllowType values:
// https://cloud.tencent.com/document/product/269/1500).
const ADD = '/v4/sns/friend_add';
const CHECK = '/v4/sns/friend_check';
const item = (to: string, extra: Record<string, unknown> = {}) => ({ To_Account: to, AddSource: 'AddSource_Type_Web', ...extra });

async function relation(t: Test, app: FastifyInstance, from: string, to: string): Promise<string> {
  const reply = await call(t, app, CHECK, { From_Account: from, To_Account: [to], CheckType: 'CheckResult_Type_Both' });
  return (reply.InfoItem as Array<{ Relation: string }>)[0]?.Relation as string;
}

function setup(t: Test): { app: FastifyInstance; advance: (ms: number) => void } {
  const { app, clock } = build(t);
  for (const id of ['a', 'b', 'c']) app.mock.store.import(SDKAPPID, id, {});
  return { app, advance: (ms) => clock.advance(ms) };
}

t.test('30539 records a pending request; the peer adding back confirms it, with the remark asked for', async (t) => {
  const { app, advance } = setup(t);
  const asked = await call(t, app, ADD, { From_Account: 'a', AddFriendItem: [item('b', { Remark: 'bee', GroupName: 'work' })] });
  t.match(asked.ResultItem, [{ To_Account: 'b', ResultCode: 30539 }]);
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_NoRelation', 'nothing is a friendship yet');
  t.match(app.mock.friends.requestsFor(SDKAPPID, 'b'), [{ from: 'a', request: { remark: 'bee', groups: ['work'] } }]);
  t.same(app.mock.friends.requestsFor(SDKAPPID, 'c'), []);

  advance(60_000);
  const confirmed = await call(t, app, ADD, { From_Account: 'b', AddFriendItem: [item('a')], AddType: 'Add_Type_Single' });
  t.match(confirmed.ResultItem, [{ To_Account: 'a', ResultCode: 0 }], "b's add is the confirmation, though a's AllowType needs one too");
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_BothWay');
  t.match(app.mock.friends.friend(SDKAPPID, 'a', 'b'), { remark: 'bee', groups: ['work'], addTime: Date.UTC(2026, 0, 1) / 1000 + 60 },
    "a's list holds b as a asked, from when b confirmed");
  t.same(app.mock.friends.requestsFor(SDKAPPID, 'b'), [], 'the request is gone');
});

t.test('a request is replaced by a second one, ends with a forced add, and goes with a deleted account', async (t) => {
  const { app } = setup(t);
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: [item('b', { Remark: 'one' })] });
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: [item('b', { Remark: 'two' })] });
  t.match(app.mock.friends.requestsFor(SDKAPPID, 'b'), [{ from: 'a', request: { remark: 'two' } }], 'one request per pair, the latest');
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: [item('b')], ForceAddFlags: 1 });
  t.same(app.mock.friends.requestsFor(SDKAPPID, 'b'), [], 'a forced add leaves no request');
  t.notOk(app.mock.friends.dropRequest(SDKAPPID, 'a', 'b'), 'nothing to drop');

  await call(t, app, ADD, { From_Account: 'c', AddFriendItem: [item('a')] });
  await call(t, app, ADD, { From_Account: 'b', AddFriendItem: [item('c')] });
  app.mock.friends.forgetAccount(SDKAPPID, 'c');
  t.same(app.mock.friends.requestsFor(SDKAPPID, 'a'), [], "c's request to a went with c");
  t.same(app.mock.friends.requestsFor(SDKAPPID, 'c'), [], "b's request to c went with c");
  t.equal(app.mock.friends.pendingRequest(SDKAPPID, 'b', 'c'), undefined);
});

t.test('a confirmation still meets the black lists', async (t) => {
  const { app } = setup(t);
  await call(t, app, ADD, { From_Account: 'a', AddFriendItem: [item('b')] });
  await call(t, app, '/v4/sns/black_list_add', { From_Account: 'b', To_Account: ['a'] });
  t.match((await call(t, app, ADD, { From_Account: 'b', AddFriendItem: [item('a')] })).ResultItem, [{ ResultCode: 30515 }]);
  t.equal(await relation(t, app, 'a', 'b'), 'CheckResult_Type_NoRelation');
});
