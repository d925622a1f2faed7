import t from 'tap';
import { CLIENT_TEXT_MAX, CUT_MARK } from '../../src/shared/clip.js';
import { clipMessageText, TOO_DEEP } from '../../src/services/journal/redact.js';
import { build, call, IMPORT } from '../helper.js';

// Issue 26: the journal records message calls with their text clipped as it clips other client
// strings (CLIENT_TEXT_MAX units), never a password; the stored message keeps the whole text.

const long = 'x'.repeat(CLIENT_TEXT_MAX + 1);
const exact = 'y'.repeat(CLIENT_TEXT_MAX);
const clipped = `${'x'.repeat(CLIENT_TEXT_MAX - CUT_MARK.length)}${CUT_MARK}`;

const requests = async (app: Parameters<typeof call>[1]) =>
  (await app.inject({ method: 'GET', url: '/__mock/requests' })).json().requests as Array<{ path: string; body: Record<string, unknown> }>;

t.test('sendmsg: Text, Data, Desc and Ext over the limit are clipped in the journal, the message keeps them', async (t) => {
  const { app } = build(t);
  for (const UserID of ['alice', 'bob']) await call(t, app, IMPORT, { UserID });
  const MsgBody = [
    { MsgType: 'TIMTextElem', MsgContent: { Text: long } },
    { MsgType: 'TIMTextElem', MsgContent: { Text: exact } },
    { MsgType: 'TIMCustomElem', MsgContent: { Data: long, Desc: long, Ext: long, Sound: 'dingdong.aiff' } },
  ];
  t.match(await call(t, app, '/v4/openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody }), { ErrorCode: 0 });
  const entry = (await requests(app)).find((e) => e.path === '/v4/openim/sendmsg');
  t.same(entry?.body.MsgBody, [
    { MsgType: 'TIMTextElem', MsgContent: { Text: clipped } },
    { MsgType: 'TIMTextElem', MsgContent: { Text: exact } },
    { MsgType: 'TIMCustomElem', MsgContent: { Data: clipped, Desc: clipped, Ext: clipped, Sound: 'dingdong.aiff' } },
  ], `${CLIENT_TEXT_MAX} units are kept whole, one more is clipped`);
  t.equal(entry?.body.From_Account, 'alice');
  const stored = (await app.inject({ method: 'GET', url: '/__mock/messages' })).json().messages;
  t.same(stored[0].body, MsgBody, 'the stored message has its whole text');
});

t.test('batchsendmsg with a secret-named field: redacted and clipped both', async (t) => {
  const { app } = build(t);
  for (const UserID of ['alice', 'bob']) await call(t, app, IMPORT, { UserID });
  await call(t, app, '/v4/openim/batchsendmsg', {
    To_Account: ['alice', 'bob'], MsgRandom: 2, Password: 'hunter22x', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: long } }],
  });
  const entry = (await requests(app)).find((e) => e.path === '/v4/openim/batchsendmsg');
  t.match(entry?.body, { Password: '[redacted]', MsgBody: [{ MsgContent: { Text: clipped } }] });
  t.notMatch(JSON.stringify(await requests(app)), 'hunter22x');
});

t.test('clipMessageText: MsgBody at any depth, elements of other shapes as sent, deep bodies cut', async (t) => {
  const body = { MsgList: [{ MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: long } }, 'odd', { MsgType: 'x' }] }], MsgBody: 'not a list' };
  t.same(clipMessageText(body), {
    MsgList: [{ MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: clipped } }, 'odd', { MsgType: 'x' }] }],
    MsgBody: 'not a list',
  });
  t.equal((body.MsgList[0]?.MsgBody[0] as { MsgContent: { Text: string } }).MsgContent.Text, long, 'the input is not touched');
  let deep: unknown = { MsgBody: [] };
  for (let i = 0; i < 40; i++) deep = { d: deep };
  t.match(JSON.stringify(clipMessageText(deep)), TOO_DEEP);
});
