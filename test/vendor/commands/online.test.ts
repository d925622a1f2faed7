import t from 'tap';
import { build, call, IMPORT, REGISTER, SDKAPPID } from '../../helper.js';

// query_online_status: https://cloud.tencent.com/document/product/269/2566
// kick: https://cloud.tencent.com/document/product/269/3853
// account_delete: https://cloud.tencent.com/document/product/269/36443
const QUERY = '/v4/openim/query_online_status';
const LEGACY = '/v4/openim/querystate';
const KICK = '/v4/im_open_login_svc/kick';
const DELETE = '/v4/im_open_login_svc/account_delete';
type App = Parameters<typeof call>[1];

const login = (app: App, identifier: string, platform: string, status: string) =>
  app.inject({ method: 'PUT', url: '/__mock/online', payload: { sdkappid: SDKAPPID, identifier, platform, status } });

t.test('Offline until a client logs in; kick takes every platform offline; querystate answers alike', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'alice' });
  await call(t, app, IMPORT, { UserID: 'bob' });
  t.same(await call(t, app, QUERY, { To_Account: ['alice', 'ghost', 'bob'] }), {
    ActionStatus: 'OK',
ErrorCode: 0,
ErrorInfo: '',
    QueryResult: [{ To_Account: 'alice', Status: 'Offline' }, { To_Account: 'bob', Status: 'Offline' }],
    ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }],
  });
  t.equal((await login(app, 'alice', 'iPhone', 'PushOnline')).statusCode, 200);
  t.match(await call(t, app, QUERY, { To_Account: ['alice'] }), { QueryResult: [{ To_Account: 'alice', Status: 'PushOnline' }] }, 'PushOnline alone');
  await login(app, 'alice', 'Web', 'Online');
  const detailed = { QueryResult: [{ To_Account: 'alice', Status: 'Online', Detail: [{ Platform: 'iPhone', Status: 'PushOnline' }, { Platform: 'Web', Status: 'Online' }] }], ErrorList: [] };
  t.match(await call(t, app, QUERY, { To_Account: ['alice'], IsNeedDetail: 1 }), detailed, 'any platform Online: Online');
  t.match(await call(t, app, LEGACY, { To_Account: ['alice'], IsNeedDetail: 1 }), detailed, 'the legacy name');
  t.same((await app.inject({ method: 'GET', url: `/__mock/online?sdkappid=${SDKAPPID}` })).json(), { online: [{ sdkappid: SDKAPPID, identifier: 'alice', platforms: { iPhone: 'PushOnline', Web: 'Online' } }] });
  await login(app, 'alice', 'Web', 'Offline');
  t.match(await call(t, app, QUERY, { To_Account: ['alice'] }), { QueryResult: [{ Status: 'PushOnline' }] }, 'one platform logged out');
  t.same(await call(t, app, KICK, { UserID: 'alice' }), { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
  t.match(await call(t, app, QUERY, { To_Account: ['alice'], IsNeedDetail: 1 }), { QueryResult: [{ Status: 'Offline', Detail: [] }] }, 'kicked');
  t.match(await call(t, app, KICK, { Identifier: 'bob' }), { ActionStatus: 'OK' }, 'Identifier, as older SDKs send it');
  t.match(await call(t, app, KICK, { UserID: 'ghost' }), { ErrorCode: 70107 });
  t.match(await call(t, app, KICK, {}), { ErrorCode: 70402 });
  t.match(await call(t, app, KICK, { UserID: 'bob' }, { query: { identifier: 'bob' } }), { ErrorCode: 70403 });
});

t.test('the control plane logs in only imported accounts, on the six platforms', async (t) => {
  const { app } = build(t);
  await call(t, app, REGISTER, { Identifier: 'Carol', IdentifierType: 3, Password: 'password1' });
  t.equal((await login(app, 'carol', 'Android', 'Online')).statusCode, 200, 'a hosted string account in any case');
  t.match(await call(t, app, QUERY, { To_Account: ['CAROL'] }), { QueryResult: [{ To_Account: 'CAROL', Status: 'Online' }] });
  t.equal((await login(app, 'ghost', 'Android', 'Online')).statusCode, 404);
  t.equal((await login(app, 'carol', 'Watch', 'Online')).statusCode, 400);
  t.equal((await login(app, 'carol', 'PC', 'Away')).statusCode, 400);
});

t.test('query_online_status: 1 to 500 accounts', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'a' });
  const five = Array.from({ length: 500 }, () => 'a');
  t.equal(((await call(t, app, QUERY, { To_Account: five })).QueryResult as unknown[]).length, 500, '500');
  t.match(await call(t, app, QUERY, { To_Account: [...five, 'a'] }), { ErrorCode: 90018 }, '501');
  t.match(await call(t, app, QUERY, { To_Account: [] }), { ErrorCode: 90029 });
  t.match(await call(t, app, QUERY, { To_Account: 'a' }), { ErrorCode: 90028 });
  t.match(await call(t, app, QUERY, { To_Account: [1] }), { ErrorCode: 90010 });
  t.match(await call(t, app, QUERY, { To_Account: ['a'], IsNeedDetail: 2 }), { ErrorCode: 90010 });
  t.match(await call(t, app, QUERY, { To_Account: ['a'] }, { query: { identifier: 'a' } }), { ErrorCode: 90009 });
});

t.test('account_delete takes the profile, the logins and the messages with it; import again starts empty', async (t) => {
  const { app } = build(t);
  for (const UserID of ['alice', 'bob', 'carol']) await call(t, app, IMPORT, { UserID, Nick: UserID });
  await call(t, app, '/v4/profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 9 }] });
  await login(app, 'alice', 'PC', 'Online');
  const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
  await call(t, app, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text });
  await call(t, app, '/v4/openim/sendmsg', { From_Account: 'carol', To_Account: 'bob', MsgRandom: 2, MsgBody: text });
  await call(t, app, '/v4/openim/admin_set_msg_read', { Report_Account: 'bob', Peer_Account: 'alice' });
  t.match(await call(t, app, DELETE, { DeleteItem: [{ UserID: 'alice' }] }), { ResultItem: [{ ResultCode: 0 }] });
  const messages = (await app.inject({ method: 'GET', url: '/__mock/messages' })).json().messages as Array<{ from: string }>;
  t.same(messages.map((m) => m.from), ['carol'], "alice's conversations are gone, others stay");
  await call(t, app, IMPORT, { UserID: 'alice' });
  t.match(await call(t, app, '/v4/profile/portrait_get', { To_Account: ['alice'], TagList: ['Tag_Profile_IM_Level', 'Tag_Profile_IM_Nick'] }), {
    UserProfileItem: [{ ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 0 }, { Tag: 'Tag_Profile_IM_Nick', Value: '' }] }],
  });
  t.match(await call(t, app, QUERY, { To_Account: ['alice'] }), { QueryResult: [{ Status: 'Offline' }] });
  await call(t, app, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 3, MsgBody: text });
  t.match(await call(t, app, '/v4/openim/get_c2c_unread_msg_num', { To_Account: 'bob', Peer_Account: ['alice'] }), { AllC2CUnreadMsgNum: 2, C2CUnreadMsgNumList: [{ C2CUnreadMsgNum: 1 }] }, 'the old read time went too');
});

t.test('reset clears profiles, messages and logins', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'a' });
  await call(t, app, '/v4/profile/portrait_set', { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 9 }] });
  await call(t, app, '/v4/openim/sendmsg', { To_Account: 'a', MsgRandom: 3, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }] });
  await login(app, 'a', 'PC', 'Online');
  t.equal((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode, 200);
  for (const [path, field] of [['/__mock/messages', 'messages'], ['/__mock/profiles', 'profiles'], ['/__mock/online', 'online']] as const) {
    t.same((await app.inject({ method: 'GET', url: path })).json(), { [field]: [] }, path);
  }
});
