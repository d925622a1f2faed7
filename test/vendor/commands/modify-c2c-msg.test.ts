import t from 'tap';
import { MSG_BODY_MAX_BYTES } from '../../../src/tim/rules/openim.js';
import { build, call, IMPORT, text } from '../../helper.js';

// modify_c2c_msg: https://cloud.tencent.com/document/product/269/74740 (修改单聊历史消息): the
// admin overwrites MsgBody, CloudCustomData or both of a message found by MsgKey; 20001 is a
// bad request, 20003 a sender or recipient that is not imported.
const SEND = '/v4/openim/sendmsg';
const MODIFY = '/v4/openim/modify_c2c_msg';
const ROAM = '/v4/openim/admin_getroammsg';
type App = Parameters<typeof call>[1];
type Test = Parameters<typeof call>[0];

async function sent(t: Test): Promise<{ app: App; key: string }> {
  const { app } = build(t);
  for (const UserID of ['alice', 'bob', 'carol']) await call(t, app, IMPORT, { UserID });
  const reply = await call(t, app, SEND, { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('before'), CloudCustomData: 'c0' });
  return { app, key: reply.MsgKey as string };
}
const roamed = async (t: Test, app: App) =>
  (await call(t, app, ROAM, { From_Account: 'alice', To_Account: 'bob', MaxCnt: 10, MinTime: 0, MaxTime: 4294967295 })).MsgList as Array<Record<string, unknown>>;

t.test('MsgBody alone, CloudCustomData alone, or both overwrite the message admin_getroammsg shows', async (t) => {
  const { app, key } = await sent(t);
  const base = { From_Account: 'alice', To_Account: 'bob', MsgKey: key };
  t.same(await call(t, app, MODIFY, { ...base, MsgBody: text('after') }), { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
  t.match(await roamed(t, app), [{ MsgKey: key, MsgBody: text('after'), CloudCustomData: 'c0' }], 'the body changes, the custom data stays');
  t.match(await call(t, app, MODIFY, { ...base, CloudCustomData: 'c1' }), { ErrorCode: 0 });
  t.match(await roamed(t, app), [{ MsgBody: text('after'), CloudCustomData: 'c1' }]);
  const custom = [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: '', Ext: '', Sound: '' } }];
  t.match(await call(t, app, MODIFY, { ...base, MsgBody: custom, CloudCustomData: '' }), { ErrorCode: 0 });
  t.match(await roamed(t, app), [{ MsgBody: custom, CloudCustomData: '' }]);
  t.equal((await roamed(t, app)).length, 1, 'modified in place: no new message');
});

t.test('bad requests are 20001 and change nothing', async (t) => {
  const { app, key } = await sent(t);
  const base = { From_Account: 'alice', To_Account: 'bob', MsgKey: key };
  const cases: Array<[string, Record<string, unknown>]> = [
    ['nothing to modify', base],
    ['no MsgKey', { From_Account: 'alice', To_Account: 'bob', MsgBody: text('x') }],
    ['an empty From_Account', { ...base, From_Account: '', MsgBody: text('x') }],
    ['To_Account not a string', { ...base, To_Account: 7, MsgBody: text('x') }],
    ['a MsgKey never issued', { ...base, MsgKey: '1_999_1', MsgBody: text('x') }],
    ['the MsgKey of the other direction', { ...base, From_Account: 'bob', To_Account: 'alice', MsgBody: text('x') }],
    ['MsgBody not an array', { ...base, MsgBody: { MsgType: 'TIMTextElem' } }],
    ['an empty MsgBody', { ...base, MsgBody: [] }],
    ['an element without its Text', { ...base, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: {} }] }],
    ['a MsgBody 1 byte over 12 KB', { ...base, MsgBody: text('x'.repeat(MSG_BODY_MAX_BYTES - JSON.stringify(text('')).length + 1)) }],
    ['CloudCustomData not a string', { ...base, CloudCustomData: 5 }],
  ];
  for (const [name, body] of cases) t.match(await call(t, app, MODIFY, body), { ActionStatus: 'FAIL', ErrorCode: 20001 }, name);
  t.match(await roamed(t, app), [{ MsgBody: text('before'), CloudCustomData: 'c0' }], 'nothing changed');
  const fits = text('x'.repeat(MSG_BODY_MAX_BYTES - JSON.stringify(text('')).length));
  t.match(await call(t, app, MODIFY, { ...base, MsgBody: fits }), { ErrorCode: 0 }, 'a MsgBody of exactly 12 KB is taken');
});

t.test('a sender or recipient never imported is 20003; the admin may be the sender', async (t) => {
  const { app, key } = await sent(t);
  t.match(await call(t, app, MODIFY, { From_Account: 'ghost', To_Account: 'bob', MsgKey: key, CloudCustomData: 'x' }), { ErrorCode: 20003 });
  t.match(await call(t, app, MODIFY, { From_Account: 'alice', To_Account: 'ghost', MsgKey: key, CloudCustomData: 'x' }), { ErrorCode: 20003 });
  const welcome = await call(t, app, SEND, { To_Account: 'carol', MsgRandom: 2, MsgBody: text('welcome') });
  t.match(await call(t, app, MODIFY, { From_Account: 'administrator', To_Account: 'carol', MsgKey: welcome.MsgKey, MsgBody: text('hi') }), { ErrorCode: 0 });
});
