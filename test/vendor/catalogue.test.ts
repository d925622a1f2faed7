import t from 'tap';
import { Type, type TSchema } from '@sinclair/typebox';
import { build, call } from '../helper.js';
import { catalogue, servedCommands } from '../../src/tim/catalogue/index.js';
import { sectionCodes } from '../../src/tim/catalogue/sections.js';
import { defineCommand } from '../../src/tim/command.js';
import { sampleOf } from '../../src/tim/catalogue/sample.js';
import { Errors } from '../../src/tim/errors.js';

// The vendor's REST API list: https://cloud.tencent.com/document/product/269/1520. Every command of
// its 2022 OpenAPI description (src/tim/catalogue/generated.ts) is routed.
const minimalBody = (schema: TSchema) => sampleOf(schema, { random: () => 0.5, now: 1767225600 }, true) as Record<string, unknown>;
const pathOf = (e: { service: string; command: string }) => `/v4/${e.service}/${e.command}`;

t.test('every documented command answers a body of its required fields, vendor-shaped, not 60009', async (t) => {
  const { app } = build(t);
  t.equal(catalogue.length, 75, 'the description has 75 commands');
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
  // https://cloud.tencent.com/document/product/269/2566: To_Account, at most 500 accounts.
  const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
  const ok = await call(t, app, '/v4/openim/query_online_status', { To_Account: many(500) });
  t.equal(ok.ErrorCode, 0, '500 accounts: the limit');
  const over = await call(t, app, '/v4/openim/query_online_status', { To_Account: many(501) });
  t.equal(over.ErrorCode, Errors.ImportBadRequest.code, '501 accounts: over it (the description files it under account)');
  t.match(over.ErrorInfo, /To_Account/);
  // https://cloud.tencent.com/document/product/269/3853: kick takes UserID (a string).
  const kick = await call(t, app, '/v4/im_open_login_svc/kick', { UserID: 12345678 });
  t.equal(kick.ErrorCode, Errors.ImportBadRequest.code);
  t.notMatch(kick.ErrorInfo, /12345678/, 'the value is not echoed');
  // https://cloud.tencent.com/document/product/269/1615: create_group's Type is one of the group types.
  const group = await call(t, app, '/v4/group_open_http_svc/create_group', { Type: 'Nope', Name: 'g' });
  t.equal(group.ErrorCode, 10004);
  const sns = await call(t, app, '/v4/sns/friend_add', {});
  t.equal(sns.ErrorCode, 30001);
  const push = await call(t, app, '/v4/all_member_push/im_add_tag', {});
  t.equal(push.ErrorCode, 90001);
  const recent = await call(t, app, '/v4/recentcontact/get_list', {});
  t.equal(recent.ErrorCode, 50002);
  const bodyNotObject = await call(t, app, '/v4/im_open_login_svc/kick', undefined, { raw: '[1]' });
  t.equal(bodyNotObject.ErrorCode, Errors.ImportBadRequest.code);
});

t.test('stub replies are generated from the reply schema, the clock and the call', async (t) => {
  const { app, clock } = build(t);
  const a = await call(t, app, '/v4/group_open_http_svc/get_online_member_num', { GroupId: '@TGS#1' });
  t.type(a.OnlineMemberNum, 'number');
  const first = await call(t, app, '/v4/group_open_http_svc/create_group', { Type: 'Public', Name: 'g' });
  const again = await call(t, app, '/v4/group_open_http_svc/create_group', { Type: 'Public', Name: 'g' });
  t.same(first, again, 'one call, one reply: deterministic');
  t.match(first.GroupId, /^@TGS#/);
  const roam = await call(t, app, '/v4/openim/admin_getroammsg', { Operator_Account: 'a', Peer_Account: 'b', MaxCnt: 1, MinTime: 0, MaxTime: 9 });
  t.equal(roam.LastMsgTime, Math.floor(clock.now() / 1000), 'times are the emulator clock');
  clock.advance(5000);
  const later = await call(t, app, '/v4/openim/admin_getroammsg', { Operator_Account: 'a', Peer_Account: 'b', MaxCnt: 1, MinTime: 0, MaxTime: 9 });
  t.equal(later.LastMsgTime, Math.floor(clock.now() / 1000));
});

t.test('legacy names: Identifier for UserID, the old roaming fields, openim/querystate', async (t) => {
  const { app } = build(t);
  t.equal((await call(t, app, '/v4/im_open_login_svc/kick', { Identifier: 'a' })).ErrorCode, 0, 'Identifier for UserID');
  // https://cloud.tencent.com/document/product/269/42794 names Operator_Account / Peer_Account; older clients send From/To.
  const roam = await call(t, app, '/v4/openim/admin_getroammsg', { From_Account: 'a', To_Account: 'b', MaxCnt: 1, MinTime: 0, MaxTime: 9 });
  t.equal(roam.ErrorCode, 0);
  const state = await call(t, app, '/v4/openim/querystate', { To_Account: ['a'] });
  t.equal(state.ErrorCode, 0, 'querystate answers as query_online_status');
  t.ok(Array.isArray(state.QueryResult));
  const bad = await call(t, app, '/v4/openim/querystate', {});
  t.equal(bad.ErrorCode, Errors.ImportBadRequest.code);
});

t.test('strict mode refuses stub-only commands by name; emulated ones still answer', async (t) => {
  const { app } = build(t, { unemulated: 'refuse' });
  const reply = await call(t, app, '/v4/sns/friend_add', { From_Account: 'a', AddFriendItem: [{ To_Account: 'b', AddSource: 'AddSource_Type_x' }] });
  t.equal(reply.ErrorCode, Errors.RequestDisabled.code);
  t.match(reply.ErrorInfo, '/v4/sns/friend_add');
  t.match(reply.ErrorInfo, 'TIM_UNEMULATED');
  const emulated = await call(t, app, '/v4/im_open_login_svc/account_check', { CheckItem: [{ UserID: 'a' }] });
  t.equal(emulated.ErrorCode, 0);
});

t.test('stubs get the envelope, admin and rate-limit checks; unknown paths keep 60009', async (t) => {
  const { app } = build(t, { rateLimits: { kick: 2 } });
  t.equal((await call(t, app, '/v4/im_open_login_svc/kick', { UserID: 'a' }, { query: { identifier: 'someone' } })).ErrorCode, Errors.ImportNotAdmin.code);
  t.equal((await call(t, app, '/v4/sns/friend_get', {}, { query: { identifier: 'someone' } })).ErrorCode, Errors.AdminRequired.code);
  t.equal((await call(t, app, '/v4/im_open_login_svc/kick', { UserID: 'a' }, { query: { sdkappid: undefined } })).ErrorCode, Errors.SdkAppIdRequired.code);
  t.equal((await call(t, app, '/v4/im_open_login_svc/kick', { UserID: 'a' })).ErrorCode, 0);
  t.equal((await call(t, app, '/v4/im_open_login_svc/kick', { UserID: 'a' })).ErrorCode, Errors.RateLimited.code);
  t.equal((await call(t, app, '/v4/openim/no_such_command', {})).ErrorCode, Errors.UnknownCommand.code);
  t.equal((await call(t, app, '/v4/sns/friend_get', undefined, { method: 'GET' })).ErrorCode, Errors.RequestFormat.code);
  const kick = (await app.inject({ method: 'GET', url: '/__mock/apps' })).json().apps[0].rateLimits.find((r: { command: string }) => r.command === 'kick');
  t.same(kick, { command: 'kick', limit: 2, tokens: 0 }, 'GET /__mock/apps lists a stubbed command whose limit was changed');
  const info = app.mock.commands.find((c) => c.path === '/v4/sns/friend_add');
  t.same({ served: info?.served, section: info?.section, limit: info?.defaultRateLimit }, { served: 'stub', section: 'relationships', limit: 200 });
});

t.test('sampleOf covers every kind of schema', async (t) => {
  const ctx = { random: () => 0.25, now: 100 };
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
