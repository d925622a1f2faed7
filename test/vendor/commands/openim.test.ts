import t from 'tap';
import { ELEMENT_FIELDS, MSG_BODY_MAX_BYTES } from '../../../src/tim/rules/openim.js';
import { build, call, IMPORT, SDKAPPID, text } from '../../helper.js';

// sendmsg: https://cloud.tencent.com/document/product/269/2282
// batchsendmsg: https://cloud.tencent.com/document/product/269/1612
// importmsg: https://cloud.tencent.com/document/product/269/2568
// admin_getroammsg: https://cloud.tencent.com/document/product/269/42794
// admin_msgwithdraw: https://cloud.tencent.com/document/product/269/38980
// admin_set_msg_read: https://cloud.tencent.com/document/product/269/50349
// get_c2c_unread_msg_num: https://cloud.tencent.com/document/product/269/56043
// message elements: https://cloud.tencent.com/document/product/269/2720; codes: https://cloud.tencent.com/document/product/269/1671
const SEND = '/v4/openim/sendmsg';
const BATCH = '/v4/openim/batchsendmsg';
const IMPORTMSG = '/v4/openim/importmsg';
const ROAM = '/v4/openim/admin_getroammsg';
const WITHDRAW = '/v4/openim/admin_msgwithdraw';
const READ = '/v4/openim/admin_set_msg_read';
const UNREAD = '/v4/openim/get_c2c_unread_msg_num';
const T0 = Date.UTC(2026, 0, 1) / 1000;

type App = Parameters<typeof call>[1];
type Test = Parameters<typeof call>[0];

async function withAccounts(t: Test, ...ids: string[]) {
  const built = build(t);
  for (const UserID of ids) await call(t, built.app, IMPORT, { UserID });
  return built;
}
const roam = (t: Test, app: App, extra: Record<string, unknown> = {}) =>
  call(t, app, ROAM, { From_Account: 'alice', To_Account: 'bob', MaxCnt: 100, MinTime: 0, MaxTime: 4294967295, ...extra });
const stored = async (app: App) => (await app.inject({ method: 'GET', url: `/__mock/messages?sdkappid=${SDKAPPID}&limit=10000` })).json().messages as unknown[];

t.test("a backend's flow: sendmsg, then admin_getroammsg shows it and it counts as unread until read", async (t) => {
  const { app, clock } = await withAccounts(t, 'alice', 'bob');
  const sent = await call(t, app, SEND, { From_Account: 'alice', To_Account: 'bob', MsgRandom: 7, MsgBody: text('hi'), CloudCustomData: 'c' });
  t.match(sent, { ActionStatus: 'OK', MsgTime: T0, MsgKey: /^7_\d+_\d+$/ });
  const welcome = await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 8, MsgBody: text('welcome') });
  t.match(welcome, { ActionStatus: 'OK' }, 'From_Account absent: the admin sends');
  const first = await roam(t, app);
  t.match(first, {
    ActionStatus: 'OK',
Complete: 1,
MsgCnt: 1,
LastMsgTime: T0,
LastMsgKey: sent.MsgKey,
    MsgList: [{ From_Account: 'alice', To_Account: 'bob', MsgSeq: Number, MsgRandom: 7, MsgTimeStamp: T0, MsgFlagBits: 0, MsgKey: sent.MsgKey, MsgBody: text('hi'), CloudCustomData: 'c' }],
  });
  t.same(await call(t, app, UNREAD, { To_Account: 'bob', Peer_Account: ['alice', 'administrator', 'ghost'] }), {
    ActionStatus: 'OK',
ErrorCode: 0,
ErrorInfo: '',
AllC2CUnreadMsgNum: 2,
    C2CUnreadMsgNumList: [{ Peer_Account: 'alice', C2CUnreadMsgNum: 1 }, { Peer_Account: 'administrator', C2CUnreadMsgNum: 1 }],
    ErrorList: [{ Peer_Account: 'ghost', ErrorCode: 70107 }],
  });
  t.same(await call(t, app, UNREAD, { To_Account: 'alice' }), { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', AllC2CUnreadMsgNum: 0 }, 'the sender has nothing unread');
  clock.advance(1000);
  await call(t, app, SEND, { From_Account: 'alice', To_Account: 'bob', MsgRandom: 9, MsgBody: text('later') });
  t.match(await call(t, app, READ, { Report_Account: 'bob', Peer_Account: 'alice', MsgReadTime: String(T0) }), { ActionStatus: 'OK' });
  t.match(await call(t, app, UNREAD, { To_Account: 'bob', Peer_Account: ['alice'] }), { AllC2CUnreadMsgNum: 2, C2CUnreadMsgNumList: [{ Peer_Account: 'alice', C2CUnreadMsgNum: 1 }] }, 'read up to T0: the later one is unread');
  t.match(await call(t, app, READ, { Report_Account: 'bob', Peer_Account: 'alice' }), { ActionStatus: 'OK' });
  t.match(await call(t, app, UNREAD, { To_Account: 'bob' }), { AllC2CUnreadMsgNum: 1 }, 'read now: only the admin\'s is unread');
  t.match(await call(t, app, READ, { Report_Account: 'bob', Peer_Account: 'ghost' }), { ErrorCode: 90048 });
  t.match(await call(t, app, READ, { Report_Account: 'bob', Peer_Account: 'alice', MsgReadTime: 'soon' }), { ErrorCode: 90010 });
  t.match(await call(t, app, READ, { Report_Account: 'bob' }), { ErrorCode: 90010 });
});

t.test('senders and recipients must be imported; nothing is stored otherwise', async (t) => {
  const { app } = await withAccounts(t, 'alice');
  t.match(await call(t, app, SEND, { From_Account: 'ghost', To_Account: 'alice', MsgRandom: 1, MsgBody: text('x') }), { ErrorCode: 90008 });
  t.match(await call(t, app, SEND, { From_Account: 'alice', To_Account: 'ghost', MsgRandom: 1, MsgBody: text('x') }), { ErrorCode: 90012 });
  t.match(await call(t, app, SEND, { From_Account: 'alice', MsgRandom: 1, MsgBody: text('x') }), { ErrorCode: 90003 });
  t.match(await call(t, app, SEND, { From_Account: 5, To_Account: 'alice', MsgRandom: 1, MsgBody: text('x') }), { ErrorCode: 90008 });
  t.match(await call(t, app, SEND, { To_Account: 'alice', MsgBody: text('x') }), { ErrorCode: 90005 }, 'MsgRandom is required');
  t.match(await call(t, app, SEND, { To_Account: 'alice', MsgRandom: 4294967296, MsgBody: text('x') }), { ErrorCode: 90005 }, 'MsgRandom over 32 bits');
  t.match(await call(t, app, SEND, { To_Account: 'alice', MsgRandom: 1, MsgSeq: -1, MsgBody: text('x') }), { ErrorCode: 90010 });
  t.match(await call(t, app, SEND, { To_Account: 'alice', MsgRandom: 1, MsgTimeStamp: 'now', MsgBody: text('x') }), { ErrorCode: 90006 });
  t.match(await call(t, app, SEND, { To_Account: 'alice', MsgRandom: 1, MsgBody: text('x') }, { query: { identifier: 'alice' } }), { ErrorCode: 90009 });
  t.match(await call(t, app, SEND, [1]), { ErrorCode: 90010 }, 'a body that is not an object');
  t.same(await stored(app), []);
});

t.test('every element type: valid, then each required field missing or mistyped (90002)', async (t) => {
  const { app } = await withAccounts(t, 'bob');
  const valid: Record<string, Record<string, unknown>> = {
    TIMTextElem: { Text: 'hello' },
    TIMLocationElem: { Desc: 'here', Latitude: 22.5, Longitude: 113.9 },
    TIMFaceElem: { Index: 1, Data: 'smile' },
    TIMCustomElem: { Data: '{}', Desc: 'd', Ext: 'e', Sound: 's' },
    TIMSoundElem: { Url: 'https://x/a.mp3', UUID: 'u', Size: 10, Second: 2, Download_Flag: 2 },
    TIMImageElem: { UUID: 'u', ImageFormat: 1, ImageInfoArray: [{ Type: 1, Size: 10, Width: 2, Height: 3, URL: 'https://x/i.png' }] },
    TIMFileElem: { Url: 'https://x/f', UUID: 'u', FileSize: 10, FileName: 'f.txt', Download_Flag: 2 },
    TIMVideoFileElem: { VideoUrl: 'v', VideoUUID: 'u', VideoSize: 1, VideoSecond: 1, VideoFormat: 'mp4', VideoDownloadFlag: 2, ThumbUrl: 't', ThumbUUID: 'u', ThumbSize: 1, ThumbWidth: 1, ThumbHeight: 1, ThumbFormat: 'jpg', ThumbDownloadFlag: 2 },
  };
  t.same(Object.keys(valid).sort(), Object.keys(ELEMENT_FIELDS).sort(), 'every type the emulator knows is tested');
  const send = (MsgBody: unknown) => call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody });
  t.match(await send(Object.entries(valid).map(([MsgType, MsgContent]) => ({ MsgType, MsgContent }))), { ActionStatus: 'OK' }, 'one of each type in one message');
  for (const [MsgType, content] of Object.entries(valid)) {
    for (const [field, { required }] of Object.entries(ELEMENT_FIELDS[MsgType] ?? {})) {
      const { [field]: _dropped, ...without } = content;
      if (required) t.match(await send([{ MsgType, MsgContent: without }]), { ErrorCode: 90002 }, `${MsgType} without ${field}`);
      else t.match(await send([{ MsgType, MsgContent: without }]), { ActionStatus: 'OK' }, `${MsgType} without the optional ${field}`);
      t.match(await send([{ MsgType, MsgContent: { ...content, [field]: [] } }]), { ErrorCode: 90002 }, `${MsgType}.${field} of the wrong type`);
    }
    t.match(await send([{ MsgType }]), { ErrorCode: 90002 }, `${MsgType} without MsgContent`);
  }
  const image = valid.TIMImageElem as Record<string, unknown>;
  const info = { Type: 1, Size: 10, Width: 2, Height: 3, URL: 'u' };
  for (const [name, change] of Object.entries({
    'ImageFormat 5': { ImageFormat: 5 },
    'no image': { ImageInfoArray: [] },
    'an image that is not an object': { ImageInfoArray: [1] },
    'image Type 4': { ImageInfoArray: [{ ...info, Type: 4 }] },
    'image Width -1': { ImageInfoArray: [{ ...info, Width: -1 }] },
    'image without URL': { ImageInfoArray: [{ ...info, URL: undefined }] },
  })) {
    t.match(await send([{ MsgType: 'TIMImageElem', MsgContent: { ...image, ...change } }]), { ErrorCode: 90002 }, name);
  }
  t.match(await send([{ MsgType: 'TIMSoundElem', MsgContent: { ...valid.TIMSoundElem, Download_Flag: 1 } }]), { ErrorCode: 90002 }, 'Download_Flag 1');
  t.match(await send([{ MsgType: 'TIMMagicElem', MsgContent: {} }]), { ErrorCode: 90002 }, 'an unknown MsgType');
  t.match(await send([{ MsgType: 'constructor', MsgContent: {} }]), { ErrorCode: 90002 }, 'a MsgType naming an Object property');
  t.match(await send([{ MsgType: 'toString', MsgContent: {} }]), { ErrorCode: 90002 }, 'a MsgType naming an inherited method');
  t.match(await send(['TIMTextElem']), { ErrorCode: 90002 }, 'an element that is not an object');
  t.match(await send([]), { ErrorCode: 90002 }, 'no element');
  t.match(await send({ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }), { ErrorCode: 90007 }, 'MsgBody not an array');
  t.match(await send(undefined), { ErrorCode: 90007 }, 'MsgBody absent');
  const overhead = JSON.stringify(text('')).length;
  t.match(await send(text('a'.repeat(MSG_BODY_MAX_BYTES - overhead))), { ActionStatus: 'OK' }, '12 KB exactly');
  t.match(await send(text('a'.repeat(MSG_BODY_MAX_BYTES - overhead + 1))), { ErrorCode: 93000 }, '12 KB and a byte');
  for (const [name, extra, code] of [
    ['SyncOtherMachine 3', { SyncOtherMachine: 3 }, 90031],
    ['MsgLifeTime -1', { MsgLifeTime: -1 }, 90044],
    ['MsgLifeTime "1"', { MsgLifeTime: '1' }, 90044],
    ['OfflinePushInfo a string', { OfflinePushInfo: 'x' }, 90043],
    ['CloudCustomData a number', { CloudCustomData: 1 }, 90010],
  ] as const) {
    t.match(await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody: text('x'), ...extra }), { ErrorCode: code }, name);
  }
  t.equal((await stored(app)).length, 1 + 7 + 1, 'only the valid messages were stored: all types, the 7 without an optional field, 12 KB');
});

t.test('a repeat within 120 seconds (sender, MsgSeq, MsgRandom, content) is answered as the first and stored once', async (t) => {
  const { app, clock } = await withAccounts(t, 'bob');
  const body = { To_Account: 'bob', MsgSeq: 5, MsgRandom: 6, MsgBody: text('once') };
  const first = await call(t, app, SEND, body);
  clock.advance(119_000);
  t.same(await call(t, app, SEND, body), first, 'at 119 s: the same answer');
  t.equal((await stored(app)).length, 1);
  t.not((await call(t, app, SEND, { ...body, MsgBody: text('other') })).MsgKey, first.MsgKey, 'other content is another message');
  clock.advance(1000);
  t.not((await call(t, app, SEND, body)).MsgKey, first.MsgKey, 'at 120 s: a new message');
  const noSeq = { To_Account: 'bob', MsgRandom: 6, MsgBody: text('no seq') };
  t.not((await call(t, app, SEND, noSeq)).MsgKey, (await call(t, app, SEND, noSeq)).MsgKey, 'without MsgSeq the vendor fills a random one: never a repeat');
});

t.test('MsgLifeTime 0 goes to online clients only: answered, not stored', async (t) => {
  const { app } = await withAccounts(t, 'bob');
  t.match(await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody: text('x'), MsgLifeTime: 0 }), { ActionStatus: 'OK', MsgKey: /_/ });
  t.match(await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody: text('x'), MsgLifeTime: 604801 }), { ActionStatus: 'OK' }, 'sendmsg: over 7 days is kept 7 days');
  t.equal((await stored(app)).length, 1);
});

t.test('batchsendmsg: 1 to 500 recipients, ErrorList for those never imported, one MsgKey', async (t) => {
  const { app } = await withAccounts(t, 'a', 'b');
  const reply = await call(t, app, BATCH, { To_Account: ['a', 'ghost', 'b'], MsgRandom: 3, MsgBody: text('all') });
  t.match(reply, { ActionStatus: 'OK', MsgKey: /^3_/, ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }] });
  t.same(Object.keys(await call(t, app, BATCH, { To_Account: ['a'], MsgRandom: 4, MsgBody: text('x') })).sort(), ['ActionStatus', 'ErrorCode', 'ErrorInfo', 'MsgKey'], 'no ErrorList when all succeed');
  t.match(await call(t, app, ROAM, { From_Account: 'administrator', To_Account: 'b', MaxCnt: 10, MinTime: 0, MaxTime: T0 }), { MsgList: [{ MsgKey: reply.MsgKey, To_Account: 'b' }] });
  const five = Array.from({ length: 500 }, () => 'a');
  t.match(await call(t, app, BATCH, { To_Account: five, MsgRandom: 5, MsgBody: text('x') }), { ActionStatus: 'OK' }, '500');
  t.match(await call(t, app, BATCH, { To_Account: [...five, 'a'], MsgRandom: 5, MsgBody: text('y') }), { ErrorCode: 90011 }, '501');
  t.match(await call(t, app, BATCH, { To_Account: [], MsgRandom: 5, MsgBody: text('x') }), { ErrorCode: 90029 });
  t.match(await call(t, app, BATCH, { To_Account: 'a', MsgRandom: 5, MsgBody: text('x') }), { ErrorCode: 90028 });
  t.match(await call(t, app, BATCH, { To_Account: [1], MsgRandom: 5, MsgBody: text('x') }), { ErrorCode: 90010 });
  t.match(await call(t, app, BATCH, { From_Account: 'ghost', To_Account: ['a'], MsgRandom: 5, MsgBody: text('x') }), { ErrorCode: 90008 });
  t.match(await call(t, app, BATCH, { To_Account: ['a'], MsgRandom: 5, MsgBody: text('x'), MsgLifeTime: 604801 }), { ErrorCode: 90026 });
  t.match(await call(t, app, BATCH, { To_Account: ['a'], MsgRandom: 5, MsgBody: text('x'), MsgLifeTime: 604800 }), { ActionStatus: 'OK' });
  t.match(await call(t, app, BATCH, { To_Account: ['a'], MsgRandom: 5, MsgBody: text('a'.repeat(MSG_BODY_MAX_BYTES)) }), { ErrorCode: 90055 });
  t.match(await call(t, app, BATCH, { To_Account: ['a'], MsgBody: text('x') }), { ErrorCode: 90005 });
  t.equal((await stored(app)).length, 2 + 1 + 500 + 1);
});

t.test('importmsg keeps its time; SyncFromOldSystem 1 counts as unread, 2 does not', async (t) => {
  const { app } = await withAccounts(t, 'alice', 'bob');
  const base = { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('old') };
  t.match(await call(t, app, IMPORTMSG, { ...base, SyncFromOldSystem: 2, MsgTimeStamp: 1000 }), { ActionStatus: 'OK' });
  t.match(await call(t, app, IMPORTMSG, { ...base, SyncFromOldSystem: 1, MsgTimeStamp: 2000 }), { ActionStatus: 'OK' });
  t.match(await call(t, app, UNREAD, { To_Account: 'bob' }), { AllC2CUnreadMsgNum: 1 });
  t.match(await roam(t, app, { MinTime: 1000, MaxTime: 1999 }), { MsgCnt: 1, MsgList: [{ MsgTimeStamp: 1000 }] });
  for (const [name, change, code] of [
    ['SyncFromOldSystem 0', { SyncFromOldSystem: 0 }, 90030],
    ['no MsgTimeStamp', { SyncFromOldSystem: 1, MsgTimeStamp: undefined }, 90006],
    ['no MsgRandom', { SyncFromOldSystem: 1, MsgRandom: undefined }, 90005],
    ['no From_Account', { SyncFromOldSystem: 1, From_Account: undefined }, 90008],
    ['From_Account never imported', { SyncFromOldSystem: 1, From_Account: 'ghost' }, 90008],
    ['To_Account never imported', { SyncFromOldSystem: 1, To_Account: 'ghost' }, 90012],
    ['no To_Account', { SyncFromOldSystem: 1, To_Account: undefined }, 90003],
    ['MsgSeq a string', { SyncFromOldSystem: 1, MsgSeq: '1' }, 90010],
    ['CloudCustomData a number', { SyncFromOldSystem: 1, CloudCustomData: 1 }, 90010],
    ['MsgBody over 12 KB', { SyncFromOldSystem: 1, MsgBody: text('a'.repeat(MSG_BODY_MAX_BYTES)) }, 93000],
  ] as const) {
    t.match(await call(t, app, IMPORTMSG, { ...base, MsgTimeStamp: 3000, ...change }), { ErrorCode: code }, name);
  }
  t.equal((await stored(app)).length, 2);
});

t.test('admin_getroammsg: newest first, a time range, MaxCnt pages and LastMsgKey; bad ranges are refused', async (t) => {
  const { app, clock } = await withAccounts(t, 'alice', 'bob');
  const keys: string[] = [];
  for (let i = 0; i < 5; i++) {
    const from = i % 2 === 0 ? 'alice' : 'bob';
    keys.push((await call(t, app, SEND, { From_Account: from, To_Account: from === 'alice' ? 'bob' : 'alice', MsgRandom: i, MsgBody: text(String(i)) })).MsgKey as string);
    clock.advance(1000);
  }
  const page1 = await roam(t, app, { MaxCnt: 2, MinTime: T0 + 1, MaxTime: T0 + 4 });
  t.match(page1, { Complete: 0, MsgCnt: 2, LastMsgTime: T0 + 3, LastMsgKey: keys[3], MsgList: [{ MsgKey: keys[4] }, { MsgKey: keys[3] }] });
  const page2 = await roam(t, app, { MaxCnt: 2, MinTime: T0 + 1, MaxTime: page1.LastMsgTime, LastMsgKey: page1.LastMsgKey });
  t.match(page2, { Complete: 1, MsgCnt: 2, MsgList: [{ MsgKey: keys[2] }, { MsgKey: keys[1] }] }, 'T0 itself is outside the range');
  t.match(await roam(t, app, { MinTime: T0 + 2, MaxTime: T0 + 2 }), { Complete: 1, MsgCnt: 1, MsgList: [{ MsgKey: keys[2] }] }, 'one second: both ends inclusive');
  t.same(await roam(t, app, { From_Account: 'bob', To_Account: 'alice', MinTime: T0 + 10, MaxTime: T0 + 20 }), { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Complete: 1, MsgCnt: 0, LastMsgTime: 0, LastMsgKey: '', MsgList: [] });
  t.match(await roam(t, app, { MinTime: T0 + 5, MaxTime: T0 + 4 }), { ErrorCode: 90010 }, 'upside down');
  t.match(await roam(t, app, { MaxCnt: 0 }), { ErrorCode: 90010 }, 'MaxCnt 0');
  t.match(await roam(t, app, { MinTime: -1 }), { ErrorCode: 90010 });
  t.match(await roam(t, app, { LastMsgKey: 5 }), { ErrorCode: 90010 });
  t.match(await roam(t, app, { LastMsgKey: '1_999_1' }), { ErrorCode: 90054 }, 'a key never issued');
  t.match(await roam(t, app, { To_Account: 'ghost' }), { ErrorCode: 90012 });
  t.match(await roam(t, app, { From_Account: 'ghost' }), { ErrorCode: 90008 });
  t.match(await roam(t, app, { To_Account: undefined }), { ErrorCode: 90003 });
});

t.test('admin_msgwithdraw flags the message (MsgFlagBits 8, no body) and it stops counting as unread', async (t) => {
  const { app } = await withAccounts(t, 'alice', 'bob');
  const { MsgKey } = await call(t, app, SEND, { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('oops') });
  t.match(await call(t, app, WITHDRAW, { From_Account: 'bob', To_Account: 'alice', MsgKey }), { ErrorCode: 90054 }, 'the other direction has no such message');
  t.match(await call(t, app, WITHDRAW, { From_Account: 'alice', To_Account: 'bob', MsgKey: '1_2_3' }), { ErrorCode: 90054 }, 'a key never issued');
  t.match(await call(t, app, WITHDRAW, { From_Account: 'alice', To_Account: 'bob' }), { ErrorCode: 90054 }, 'no key');
  t.match(await call(t, app, WITHDRAW, { From_Account: 'alice', MsgKey }), { ErrorCode: 90003 });
  t.match(await call(t, app, WITHDRAW, { To_Account: 'bob', MsgKey }), { ErrorCode: 90008 });
  t.match(await call(t, app, UNREAD, { To_Account: 'bob' }), { AllC2CUnreadMsgNum: 1 });
  t.match(await call(t, app, WITHDRAW, { From_Account: 'alice', To_Account: 'bob', MsgKey }), { ActionStatus: 'OK' });
  t.match(await roam(t, app), { MsgList: [{ MsgKey, MsgFlagBits: 8, MsgBody: [] }] });
  t.match(await call(t, app, UNREAD, { To_Account: 'bob' }), { AllC2CUnreadMsgNum: 0 });
  const fromAdmin = await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 2, MsgBody: text('admin') });
  t.match(await call(t, app, WITHDRAW, { From_Account: 'administrator', To_Account: 'bob', MsgKey: fromAdmin.MsgKey }), { ActionStatus: 'OK' }, "the admin's own message");
  t.match(await call(t, app, WITHDRAW, { From_Account: 'ghost', To_Account: 'bob', MsgKey: fromAdmin.MsgKey }), { ErrorCode: 90054 }, 'a sender never imported has no message');
});

t.test('DELETE /__mock/messages empties one app or all; batchsendmsg may name the admin as a recipient', async (t) => {
  const { app } = await withAccounts(t, 'bob');
  await call(t, app, BATCH, { From_Account: 'bob', To_Account: ['administrator', 'bob'], MsgRandom: 1, MsgBody: text('x') });
  t.equal((await stored(app)).length, 2);
  t.same((await app.inject({ method: 'DELETE', url: `/__mock/messages?sdkappid=${SDKAPPID}` })).json(), { removed: 2 });
  await call(t, app, SEND, { To_Account: 'bob', MsgRandom: 1, MsgBody: text('y') });
  t.same((await app.inject({ method: 'DELETE', url: '/__mock/messages' })).json(), { removed: 1 });
  t.same(await stored(app), []);
});

t.test('get_c2c_unread_msg_num: at most 10 peers, an imported reader', async (t) => {
  const { app } = await withAccounts(t, 'bob');
  const ten = Array.from({ length: 10 }, () => 'bob');
  t.match(await call(t, app, UNREAD, { To_Account: 'bob', Peer_Account: ten }), { ActionStatus: 'OK' }, '10');
  t.match(await call(t, app, UNREAD, { To_Account: 'bob', Peer_Account: [...ten, 'bob'] }), { ErrorCode: 90018 }, '11');
  t.match(await call(t, app, UNREAD, { To_Account: 'bob', Peer_Account: 'bob' }), { ErrorCode: 90010 });
  t.match(await call(t, app, UNREAD, { To_Account: 'ghost' }), { ErrorCode: 90012 });
  t.match(await call(t, app, UNREAD, {}), { ErrorCode: 90003 });
});
