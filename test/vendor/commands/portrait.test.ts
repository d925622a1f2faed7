import t from 'tap';
import { build, call, IMPORT, REGISTER, SDKAPPID } from '../../helper.js';
import { userSig } from '../sig.js';

// portrait_set: https://cloud.tencent.com/document/product/269/1640
// portrait_get: https://cloud.tencent.com/document/product/269/1639
// the fields and their rules: https://cloud.tencent.com/document/product/269/1500
const SET = '/v4/profile/portrait_set';
const GET = '/v4/profile/portrait_get';
const MULTI = '/v4/im_open_login_svc/multiaccount_import';
const item = (Tag: string, Value: unknown) => ({ Tag, Value });
const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' };

const get = async (t: Parameters<typeof call>[0], app: Parameters<typeof call>[1], accounts: string[], tags: string[]) =>
  call(t, app, GET, { To_Account: accounts, TagList: tags });

t.test('an imported Nick and FaceUrl are the profile fields Nick and Image; a re-import and portrait_set update them', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'alice', Nick: 'Alice', FaceUrl: 'http://a/1.png' });
  await call(t, app, MULTI, { AccountList: [{ UserID: 'bob', Nick: 'Bob' }] });
  const tags = ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'];
  t.same(await get(t, app, ['alice', 'bob'], tags), {
    ...ok,
    UserProfileItem: [
      { To_Account: 'alice', ProfileItem: [item('Tag_Profile_IM_Nick', 'Alice'), item('Tag_Profile_IM_Image', 'http://a/1.png')], ResultCode: 0, ResultInfo: '' },
      { To_Account: 'bob', ProfileItem: [item('Tag_Profile_IM_Nick', 'Bob'), item('Tag_Profile_IM_Image', '')], ResultCode: 0, ResultInfo: '' },
    ],
  });
  await call(t, app, IMPORT, { UserID: 'alice', Nick: 'Alice 2' });
  t.same((await get(t, app, ['alice'], ['Tag_Profile_IM_Nick'])).UserProfileItem, [
    { To_Account: 'alice', ProfileItem: [item('Tag_Profile_IM_Nick', 'Alice 2')], ResultCode: 0, ResultInfo: '' },
  ]);
  t.same(await call(t, app, SET, { From_Account: 'alice', ProfileItem: [item('Tag_Profile_IM_Nick', 'Alice 3'), item('Tag_Profile_IM_Image', 'http://a/2.png')] }), ok);
  const listed = await app.inject({ method: 'GET', url: `/__mock/accounts?sdkappid=${SDKAPPID}` });
  t.match(JSON.parse(listed.body), { accounts: [{ identifier: 'alice', nick: 'Alice 3', faceUrl: 'http://a/2.png' }] }, 'the account shows the new Nick and FaceUrl');
});

t.test('every standard field round-trips; fields never set read as their defaults', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'u' });
  const values: Record<string, unknown> = {
    Tag_Profile_IM_Gender: 'Gender_Type_Female',
    Tag_Profile_IM_BirthDay: 20190419,
    Tag_Profile_IM_Location: 'x'.repeat(16),
    Tag_Profile_IM_SelfSignature: '签'.repeat(166),
    Tag_Profile_IM_AllowType: 'AllowType_Type_DenyAny',
    Tag_Profile_IM_Language: 0,
    Tag_Profile_IM_MsgSettings: 1,
    Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_SendOut',
    Tag_Profile_IM_Level: 4294967295,
    Tag_Profile_IM_Role: 7,
  };
  const tags = Object.keys(values);
  t.same((await get(t, app, ['u'], tags)).UserProfileItem, [{
    To_Account: 'u',
    ResultCode: 0,
    ResultInfo: '',
    ProfileItem: [
      item('Tag_Profile_IM_Gender', 'Gender_Type_Unknown'), item('Tag_Profile_IM_BirthDay', 0), item('Tag_Profile_IM_Location', ''),
      item('Tag_Profile_IM_SelfSignature', ''), item('Tag_Profile_IM_AllowType', 'AllowType_Type_NeedConfirm'), item('Tag_Profile_IM_Language', 0),
      item('Tag_Profile_IM_MsgSettings', 0), item('Tag_Profile_IM_AdminForbidType', 'AdminForbid_Type_None'), item('Tag_Profile_IM_Level', 0), item('Tag_Profile_IM_Role', 0),
    ],
  }], 'defaults before any portrait_set');
  t.same(await call(t, app, SET, { From_Account: 'u', ProfileItem: Object.entries(values).map(([k, v]) => item(k, v)) }), ok);
  t.same((await get(t, app, ['u'], tags)).UserProfileItem, [{ To_Account: 'u', ResultCode: 0, ResultInfo: '', ProfileItem: Object.entries(values).map(([k, v]) => item(k, v)) }]);
});

t.test('value rules at their boundaries: the vendor codes, and nothing stored', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'u', Nick: 'kept' });
  const cases: Array<[string, unknown, number]> = [
    ['Tag_Profile_IM_Nick', 'n'.repeat(501), 40601],
    ['Tag_Profile_IM_SelfSignature', 'é'.repeat(250) + 'x', 40601],
    ['Tag_Profile_IM_Image', 'i'.repeat(501), 40601],
    ['Tag_Profile_IM_Location', 'x'.repeat(17), 40605],
    ['Tag_Profile_IM_Gender', 'Gender_Type_Other', 40605],
    ['Tag_Profile_IM_Gender', 1, 40610],
    ['Tag_Profile_IM_AllowType', 'AllowType_Type_Maybe', 40605],
    ['Tag_Profile_IM_AdminForbidType', 'AdminForbid_Type_All', 40605],
    ['Tag_Profile_IM_Level', 4294967296, 40605],
    ['Tag_Profile_IM_Level', -1, 40605],
    ['Tag_Profile_IM_Level', 1.5, 40605],
    ['Tag_Profile_IM_Role', '7', 40610],
    ['Tag_Profile_IM_Nick', 5, 40610],
    ['Tag_Profile_IM_Unknown', 'x', 40009],
    ['Tag_Profile_Custom_Never', 'x', 40009],
  ];
  for (const [tag, value, code] of cases) {
    t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_IM_Nick', 'changed'), item(tag, value)] }), { ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' }, `${tag} = ${JSON.stringify(value).slice(0, 20)}`);
  }
  t.same((await get(t, app, ['u'], ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Level'])).UserProfileItem, [
    { To_Account: 'u', ProfileItem: [item('Tag_Profile_IM_Nick', 'kept'), item('Tag_Profile_IM_Level', 0)], ResultCode: 0, ResultInfo: '' },
  ], 'no refused call changed anything, not even its valid items');
  t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_IM_Nick', 'n'.repeat(500))] }), ok, '500 bytes is allowed');
});

t.test('portrait_set: the account must be imported (40003); the shape is 40001', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, SET, { From_Account: 'ghost', ProfileItem: [item('Tag_Profile_IM_Nick', 'x')] }), { ErrorCode: 40003 });
  await call(t, app, REGISTER, { Identifier: 'Hosted', IdentifierType: 3, Password: 'password1' });
  t.match(await call(t, app, SET, { From_Account: 'hosted', ProfileItem: [item('Tag_Profile_IM_Level', 3)] }), ok, 'a hosted string account, in any case');
  t.same((await get(t, app, ['HOSTED'], ['Tag_Profile_IM_Level'])).UserProfileItem, [{ To_Account: 'HOSTED', ProfileItem: [item('Tag_Profile_IM_Level', 3)], ResultCode: 0, ResultInfo: '' }]);
  for (const body of [{}, { From_Account: '', ProfileItem: [item('Tag_Profile_IM_Nick', 'x')] }, { From_Account: 'hosted' }, { From_Account: 'hosted', ProfileItem: [] },
    { From_Account: 'hosted', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick' }] }, { From_Account: 'hosted', ProfileItem: [{ Tag: 1, Value: 'x' }] },
    { From_Account: 'hosted', ProfileItem: Array.from({ length: 33 }, () => item('Tag_Profile_IM_Level', 1)) }]) {
    t.match(await call(t, app, SET, body), { ErrorCode: 40001, ErrorDisplay: '' }, JSON.stringify(body).slice(0, 60));
  }
  t.match(await call(t, app, SET, { From_Account: 'hosted', ProfileItem: Array.from({ length: 32 }, () => item('Tag_Profile_IM_Level', 1)) }), ok, '32 items');
  t.match(await call(t, app, SET, { From_Account: 'hosted', ProfileItem: [item('Tag_Profile_IM_Nick', 'x')] }, { query: { identifier: 'someone' } }), { ErrorCode: 40004, ErrorDisplay: '' }, 'not the admin');
});

t.test('custom fields must be declared for the app (PUT /__mock/apps, or the config file)', async (t) => {
  const { app } = build(t, { apps: [{ sdkappid: SDKAPPID, admin: 'administrator', secretKey: 'k', profileCustomTags: ['Tag_Profile_Custom_Hobby'] }] });
  const { app: open } = build(t);
  for (const bad of [['Tag_Profile_Custom_'], ['Tag_Profile_Custom_123456789'], ['Tag_Profile_IM_Nick'], ['Tag_Profile_Custom_A', 'Tag_Profile_Custom_A'], 'x',
    Array.from({ length: 21 }, (_, i) => `Tag_Profile_Custom_T${i}`)]) {
    const res = await open.inject({ method: 'PUT', url: `/__mock/apps/${SDKAPPID}`, payload: { profileCustomTags: bad } });
    t.equal(res.statusCode, 400, JSON.stringify(bad).slice(0, 40));
  }
  const res = await open.inject({ method: 'PUT', url: `/__mock/apps/${SDKAPPID}`, payload: { profileCustomTags: ['Tag_Profile_Custom_12345678'] } });
  t.equal(res.statusCode, 200, res.body);
  t.same(JSON.parse(res.body).profileCustomTags, ['Tag_Profile_Custom_12345678']);
  await call(t, open, IMPORT, { UserID: 'u' });
  t.match(await call(t, open, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_12345678', 'v')] }), ok);
  const q = { usersig: userSig(SDKAPPID, 'k', 'administrator', 86400, Date.UTC(2026, 0, 1) / 1000) };
  await call(t, app, IMPORT, { UserID: 'u' }, { query: q });
  t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_Hobby', 'chess'), item('Tag_Profile_Custom_Level', 3)] }, { query: q }), { ErrorCode: 40009 });
  t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_Hobby', 'c'.repeat(501))] }, { query: q }), { ErrorCode: 40601 });
  t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_Hobby', { x: 1 })] }, { query: q }), { ErrorCode: 40610 });
  t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_Hobby', 'chess')] }, { query: q }), ok);
  t.same((await call(t, app, GET, { To_Account: ['u'], TagList: ['Tag_Profile_Custom_Hobby'] }, { query: q })).UserProfileItem, [
    { To_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_Hobby', 'chess')], ResultCode: 0, ResultInfo: '' },
  ]);
  t.match(await call(t, app, SET, { From_Account: 'u', ProfileItem: [item('Tag_Profile_Custom_Hobby', 42)] }, { query: q }), ok, 'an integer value');
  t.match(await call(t, app, GET, { To_Account: ['u'], TagList: ['Tag_Profile_Custom_Other'] }, { query: q }), { ErrorCode: 40009, ErrorDisplay: '' });
});

t.test('portrait_get: 1 to 100 accounts, per-account ResultCode, Fail_Account only when one failed', async (t) => {
  const { app } = build(t);
  await call(t, app, IMPORT, { UserID: 'a', Nick: 'A' });
  t.same(await get(t, app, ['a', 'ghost', 'a'], ['Tag_Profile_IM_Nick']), {
    ...ok,
    UserProfileItem: [
      { To_Account: 'a', ProfileItem: [item('Tag_Profile_IM_Nick', 'A')], ResultCode: 0, ResultInfo: '' },
      { To_Account: 'ghost', ResultCode: 40003, ResultInfo: 'the requested account does not exist' },
      { To_Account: 'a', ProfileItem: [item('Tag_Profile_IM_Nick', 'A')], ResultCode: 0, ResultInfo: '' },
    ],
    Fail_Account: ['ghost'],
  });
  const hundred = Array.from({ length: 100 }, () => 'a');
  t.equal(((await get(t, app, hundred, ['Tag_Profile_IM_Nick'])).UserProfileItem as unknown[]).length, 100, '100 accounts');
  t.match(await get(t, app, [...hundred, 'a'], ['Tag_Profile_IM_Nick']), { ErrorCode: 40001 }, '101 accounts');
  t.match(await get(t, app, [], ['Tag_Profile_IM_Nick']), { ErrorCode: 40002 }, 'no account');
  t.match(await call(t, app, GET, { TagList: ['Tag_Profile_IM_Nick'] }), { ErrorCode: 40002 }, 'To_Account absent');
  t.match(await call(t, app, GET, { To_Account: 'a', TagList: ['Tag_Profile_IM_Nick'] }), { ErrorCode: 40001 }, 'To_Account not an array');
  t.match(await get(t, app, ['a'], []), { ErrorCode: 40001 }, 'no tag');
  t.match(await get(t, app, ['a'], ['Tag_Profile_IM_Nope']), { ErrorCode: 40009 }, 'an unknown tag');
});
