import t from 'tap';
import { Type, type TSchema } from '@sinclair/typebox';
import { build, call, SDKAPPID } from '../helper.js';
import { catalogue, servedCommands } from '../../src/tim/catalogue/index.js';
import { generated } from '../../src/tim/catalogue/generated.js';
import { supplement } from '../../src/tim/catalogue/supplement.js';
import { sectionCodes } from '../../src/tim/catalogue/sections.js';
import { defineCommand } from '../../src/tim/command.js';
import { sampleOf } from '../../src/tim/catalogue/sample.js';
import { Errors } from '../../src/tim/errors.js';

// The vendor's REST API list: https://cloud.tencent.com/document/product/269/1520. Every command of
// its 2022 OpenAPI description (src/tim/catalogue/generated.ts) is routed, and so is every command the
// current list documents that the description lacks (src/tim/catalogue/supplement.ts, each from its page).
const minimalBody = (schema: TSchema) => sampleOf(schema, { random: () => 0.5, now: 1767225600 }, true) as Record<string, unknown>;
const pathOf = (e: { service: string; command: string }) => `/v4/${e.service}/${e.command}`;

t.test('every documented command answers a body of its required fields, vendor-shaped, not 60009', async (t) => {
  const { app } = build(t);
  t.equal(generated.length, 75, 'the description has 75 commands');
  t.equal(catalogue.length, 75 + supplement.length, 'and the supplement adds the current pages\' others');
  t.equal(new Set(catalogue.map(pathOf)).size, catalogue.length, 'no path twice');
  for (const entry of catalogue) {
    const reply = await call(t, app, pathOf(entry), minimalBody(entry.request()));
    t.not(reply.ErrorCode, Errors.UnknownCommand.code, `${pathOf(entry)} is routed`);
    if (app.mock.commands.find((c) => c.path === pathOf(entry))?.served === 'stub') {
      t.equal(reply.ErrorCode, 0, `${pathOf(entry)}: the stub accepts its required fields`);
    }
  }
});

t.test('every command with a required field refuses a body without it, with a code', async (t) => {
  const { app } = build(t);
  for (const entry of catalogue) {
    const schema = entry.request();
    const body = minimalBody(schema);
    for (const field of (schema.required ?? []) as string[]) {
      const { [field]: _dropped, ...without } = body;
      const reply = await call(t, app, pathOf(entry), without);
      t.equal(reply.ActionStatus, 'FAIL', `${pathOf(entry)} without ${field}`);
      t.not(reply.ErrorCode, Errors.UnknownCommand.code);
    }
  }
});

t.test('a stub refuses with its section code and names the field, never the value', async (t) => {
  const { app } = build(t);
  // https://cloud.tencent.com/document/product/269/1637: set_unread_msg_num's UnreadMsgNum is an integer.
  const unread = (value: unknown) => ({ GroupId: '@TGS#1', Member_Account: 'a', UnreadMsgNum: value });
  const ok = await call(t, app, '/v4/group_open_http_svc/set_unread_msg_num', unread(3));
  t.equal(ok.ErrorCode, 0, 'an integer');
  const over = await call(t, app, '/v4/group_open_http_svc/set_unread_msg_num', unread('three'));
  t.equal(over.ErrorCode, Errors.GroupBadParam.code, 'a string: the group section\'s code');
  t.match(over.ErrorInfo, /UnreadMsgNum/);
  t.notMatch(over.ErrorInfo, /three/, 'the value is not echoed');
  // https://cloud.tencent.com/document/product/269/4230: setnospeaking's Set_Account is a string.
  const nospeaking = await call(t, app, '/v4/openconfigsvr/setnospeaking', { Set_Account: 12345678 });
  t.equal(nospeaking.ErrorCode, Errors.MsgJsonParse.code);
  t.notMatch(nospeaking.ErrorInfo, /12345678/, 'the value is not echoed');
  const push = await call(t, app, '/v4/all_member_push/im_add_tag', {});
  t.equal(push.ErrorCode, 90001);
  const recent = await call(t, app, '/v4/recentcontact/get_list', {});
  t.equal(recent.ErrorCode, 50002);
  const bodyNotObject = await call(t, app, '/v4/openconfigsvr/setnospeaking', undefined, { raw: '[1]' });
  t.equal(bodyNotObject.ErrorCode, Errors.MsgJsonParse.code);
});

t.test('the supplement\'s stubs check the limits their pages state', async (t) => {
  const { app } = build(t);
  const members = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
  // https://cloud.tencent.com/document/product/269/79249: at most 20 members banned a call.
  const ban = (n: number) => ({ GroupId: '@TGS#1', Members_Account: members(n), Duration: 60 });
  t.equal((await call(t, app, '/v4/group_open_http_svc/ban_group_member', ban(20))).ErrorCode, 0, '20: the limit');
  const over = await call(t, app, '/v4/group_open_http_svc/ban_group_member', ban(21));
  t.equal(over.ErrorCode, Errors.GroupBadParam.code, '21: over it');
  t.match(over.ErrorInfo, /Members_Account/);
  // https://cloud.tencent.com/document/product/269/85952: Mode is Set, Increase or Decrease.
  const counter = (Mode: string) => ({ GroupId: '@TGS#1', GroupCounter: [{ Key: 'like', Value: 1 }], Mode });
  t.equal((await call(t, app, '/v4/group_open_http_svc/update_group_counter', counter('Increase'))).ErrorCode, 0);
  t.equal((await call(t, app, '/v4/group_open_http_svc/update_group_counter', counter('Multiply'))).ErrorCode, 10004);
  // https://cloud.tencent.com/document/product/269/79267: a member's mark is 1000 or more.
  const mark = (m: number) => ({ GroupId: '@TGS#1', CommandType: 1, MemberList: [{ Member_Account: 'a', Marks: [m] }] });
  t.equal((await call(t, app, '/v4/group_open_avchatroom_http_svc/modify_user_info', mark(1000))).ErrorCode, 0);
  t.equal((await call(t, app, '/v4/group_open_avchatroom_http_svc/modify_user_info', mark(999))).ErrorCode, 10004);
  // Each section's own code: https://cloud.tencent.com/document/product/269/74741 (group messages),
  // https://cloud.tencent.com/document/product/269/85792 (recent contacts).
  const groupMsg = await call(t, app, '/v4/openim/modify_group_msg', { GroupId: '@TGS#1' });
  t.equal(groupMsg.ErrorCode, 10004);
  t.match(groupMsg.ErrorInfo, /MsgSeq/);
  t.equal((await call(t, app, '/v4/recentcontact/mark_contact', { From_Account: 'a' })).ErrorCode, 50002);
  // https://www.tencentcloud.com/document/product/1047/53437: one conversation group a call.
  const group = (GroupName: string) => ({ GroupName, ContactItem: [{ Type: 1, To_Account: 'b' }] });
  const create = (items: object[]) => call(t, app, '/v4/recentcontact/create_contact_group', { From_Account: 'a', GroupContactItem: items });
  t.equal((await create([group('g1')])).ErrorCode, 0);
  t.equal((await create([group('g1'), group('g2')])).ErrorCode, 50002);
  // https://www.tencentcloud.com/document/product/1047/53442: at most 300 conversations searched a call.
  const search = (n: number) =>
    call(t, app, '/v4/recentcontact/search_contact_group', { From_Account: 'a', ContactItem: members(n).map((u) => ({ Type: 1, To_Account: u })) });
  t.equal((await search(300)).ErrorCode, 0);
  t.equal((await search(301)).ErrorCode, 50002);
  // https://cloud.tencent.com/document/product/269/74777: each URL signed, Code 0.
  const sig = await call(t, app, '/v4/im_cos_msg/get_cos_sig', { RawURLs: [{ ResourceID: 1, RawURL: 'https://x/1.png' }] });
  t.match((sig.PreSigURLs as unknown[])[0], { Code: 0, Desc: '' });
  // https://cloud.tencent.com/document/product/269/77266: NextTimestamp 0 ends the paging.
  const online = await call(t, app, '/v4/group_open_avchatroom_http_svc/get_members', { GroupId: '@TGS#a1', Timestamp: 0 });
  t.equal(online.NextTimestamp, 0);
});

t.test('stub replies are generated from the reply schema, the clock and the call', async (t) => {
  const { app, clock } = build(t);
  const a = await call(t, app, '/v4/group_open_http_svc/get_online_member_num', { GroupId: '@TGS#1' });
  t.type(a.OnlineMemberNum, 'number');
  const push = { MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] };
  const first = await call(t, app, '/v4/all_member_push/im_push', push);
  // im_push takes one call a second (its page): the second comes a second later.
  clock.advance(1000);
  const again = await call(t, app, '/v4/all_member_push/im_push', push);
  t.same(first, again, 'one call, one reply: deterministic');
  t.type(first.TaskId, 'string');
  const list = { From_Account: 'a', TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 0 };
  const sent = await call(t, app, '/v4/recentcontact/get_list', list);
  t.equal(sent.TimeStamp, Math.floor(clock.now() / 1000), 'times are the emulator clock');
  clock.advance(5000);
  const later = await call(t, app, '/v4/recentcontact/get_list', list);
  t.equal(later.TimeStamp, Math.floor(clock.now() / 1000));
});

t.test('legacy names: Identifier for UserID, the old roaming fields, openim/querystate', async (t) => {
  const { app } = build(t);
  app.mock.store.import(SDKAPPID, 'a', {});
  app.mock.store.import(SDKAPPID, 'b', {});
  t.equal((await call(t, app, '/v4/im_open_login_svc/kick', { Identifier: 'a' })).ErrorCode, 0, 'Identifier for UserID');
  // https://cloud.tencent.com/document/product/269/42794 names Operator_Account / Peer_Account; older clients send From/To.
  const roam = await call(t, app, '/v4/openim/admin_getroammsg', { From_Account: 'a', To_Account: 'b', MaxCnt: 1, MinTime: 0, MaxTime: 9 });
  t.equal(roam.ErrorCode, 0);
  const state = await call(t, app, '/v4/openim/querystate', { To_Account: ['a'] });
  t.equal(state.ErrorCode, 0, 'querystate answers as query_online_status');
  t.ok(Array.isArray(state.QueryResult));
  const bad = await call(t, app, '/v4/openim/querystate', {});
  t.not(bad.ErrorCode, 0, 'and refuses as it does');
});

t.test('strict mode refuses stub-only commands by name; emulated ones still answer', async (t) => {
  const { app } = build(t, { unemulated: 'refuse' });
  const reply = await call(t, app, '/v4/group_open_http_svc/get_group_attr', { GroupId: '@TGS#1' });
  t.equal(reply.ErrorCode, Errors.RequestDisabled.code);
  t.match(reply.ErrorInfo, '/v4/group_open_http_svc/get_group_attr');
  t.match(reply.ErrorInfo, 'TIM_UNEMULATED');
  const emulated = await call(t, app, '/v4/im_open_login_svc/account_check', { CheckItem: [{ UserID: 'a' }] });
  t.equal(emulated.ErrorCode, 0);
});

t.test('stubs get the envelope, admin and rate-limit checks; unknown paths keep 60009', async (t) => {
  const { app } = build(t, { rateLimits: { im_get_tag: 2 } });
  const tags = { To_Account: ['a'] };
  t.equal((await call(t, app, '/v4/group_open_http_svc/get_group_attr', { GroupId: '@TGS#1' }, { query: { identifier: 'someone' } })).ErrorCode, Errors.AdminRequired.code);
  t.equal((await call(t, app, '/v4/all_member_push/im_get_tag', tags, { query: { sdkappid: undefined } })).ErrorCode, Errors.SdkAppIdRequired.code);
  t.equal((await call(t, app, '/v4/all_member_push/im_get_tag', tags)).ErrorCode, 0);
  t.equal((await call(t, app, '/v4/all_member_push/im_get_tag', tags)).ErrorCode, 0);
  t.equal((await call(t, app, '/v4/all_member_push/im_get_tag', tags)).ErrorCode, Errors.RateLimited.code);
  t.equal((await call(t, app, '/v4/openim/no_such_command', {})).ErrorCode, Errors.UnknownCommand.code);
  t.equal((await call(t, app, '/v4/group_open_http_svc/get_group_attr', undefined, { method: 'GET' })).ErrorCode, Errors.RequestFormat.code);
  const limits = (await app.inject({ method: 'GET', url: '/__mock/apps' })).json().apps[0].rateLimits;
  const tag = limits.find((r: { command: string }) => r.command === 'im_get_tag');
  t.same(tag, { command: 'im_get_tag', limit: 2, tokens: 0 }, 'GET /__mock/apps lists a stubbed command whose limit was changed');
  const info = app.mock.commands.find((c) => c.path === '/v4/group_open_http_svc/get_group_attr');
  t.same({ served: info?.served, section: info?.section, limit: info?.defaultRateLimit }, { served: 'stub', section: 'group', limit: 200 });
});

t.test('sampleOf covers every kind of schema', async (t) => {
  const ctx = { random: () => 0.25, now: 100 };
  t.equal(sampleOf(Type.Integer({ minimum: 1000 }), ctx), 1000, 'a minimum alone raises the value');
  t.equal(sampleOf(Type.Integer({ maximum: 3 }), ctx), 3, 'a maximum alone lowers it');
  t.same(sampleOf(Type.Object({ A: Type.Boolean(), B: Type.Number({ maximum: 1 }), C: Type.Unknown(), U: Type.String({ maxLength: 2 }), FaceUrl: Type.String() }), ctx), { A: false, B: 1, C: {}, U: 'U2', FaceUrl: 'https://example.com/faceurl/250' });
});

t.test('an emulated command takes over its stub\'s path, and the alias follows it', async (t) => {
  const emulated = defineCommand({
    service: 'openim',
    command: 'query_online_status',
    summary: 'emulated',
    codes: sectionCodes('account'),
    body: Type.Object({}),
    reply: Type.Object({}),
    parse: () => undefined,
    execute: () => ({}),
  });
  const served = servedCommands([emulated], { refuse: false });
  const at = (path: string) => served.filter((c) => `/v4/${c.service}/${c.command}` === path);
  t.equal(at('/v4/openim/query_online_status').length, 1, 'one route per path');
  t.match(at('/v4/openim/query_online_status')[0], { summary: 'emulated', served: 'emulated', section: 'account' });
  t.match(at('/v4/openim/querystate')[0], { served: 'emulated', summary: /emulated \(the old name of/ });
  t.same(sectionCodes('no such section').badRequest, Errors.RequestFormat, 'a section without a code of its own: 60008');
});
