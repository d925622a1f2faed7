import t from 'tap';
import { build, call, IMPORT, REGISTER, SDKAPPID } from '../helper.js';

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const ok = { ActionStatus: 'OK', ErrorCode: 0 };

t.test('the body is read as JSON whatever the Content-Type says, or with none', async (t) => {
  const { app } = build(t);
  const types: (string | undefined)[] = [
    undefined,
    'text/plain',
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'foo/bar',
    'nonsense',
    ';;;',
    '',
  ];
  let n = 0;
  for (const type of types) {
    const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
    const id = `ct${n++}`;
    t.match(await call(t, app, IMPORT, undefined, { raw: JSON.stringify({ Identifier: id }), headers }), ok, `Content-Type ${JSON.stringify(type)}`);
    t.ok(app.mock.store.get(SDKAPPID, id), 'the account was imported');
    t.match(await call(t, app, IMPORT, undefined, { raw: '{"Identifier":', headers }), fail(60003), `invalid JSON, Content-Type ${JSON.stringify(type)}`);
    t.match(await call(t, app, REGISTER, undefined, { raw: '', headers }), fail(60003), `empty body, Content-Type ${JSON.stringify(type)}`);
  }
});

t.test('an empty body or invalid JSON is 60003', async (t) => {
  const { app } = build(t);
  for (const path of [REGISTER, IMPORT]) {
    t.match(await call(t, app, path), fail(60003), `${path}: no body at all`);
    for (const raw of ['', ' ', '\n\t', '{', '{"Identifier":"a",}', "{'Identifier':'a'}", 'Identifier=a', 'undefined', 'NaN', '{"a":1}{"b":2}', '\ufeff']) {
      t.match(await call(t, app, path, undefined, { raw }), fail(60003), `${path}: ${JSON.stringify(raw)}`);
    }
  }
});

t.test('a binary body is 60003', async (t) => {
  const { app } = build(t);
  const binaries = [Buffer.from([0xff, 0xfe, 0x00, 0x01]), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]), Buffer.alloc(4096, 0xa5)];
  for (const path of [REGISTER, IMPORT]) {
    for (const raw of binaries) {
      const headers = { 'content-type': 'application/octet-stream' };
      t.match(await call(t, app, path, undefined, { raw, headers }), fail(60003), `${path}: ${raw.length} binary bytes`);
    }
  }
});

t.test('a body over TIM_BODY_LIMIT is 60008, and the process goes on serving', async (t) => {
  const { app } = build(t, { bodyLimit: 1024 });
  const withNick = (n: number) => JSON.stringify({ Identifier: 'big', Nick: 'x'.repeat(n) });
  const overhead = withNick(0).length;
  const fits = withNick(1024 - overhead);
  t.equal(Buffer.byteLength(fits), 1024);
  t.match(await call(t, app, IMPORT, undefined, { raw: fits }), fail(40601), 'a body of exactly the limit is read');
  const over = withNick(1025 - overhead);
  t.match(await call(t, app, IMPORT, undefined, { raw: over }), fail(60008), 'one byte over');
  t.match(await call(t, app, REGISTER, undefined, { raw: 'x'.repeat(1_000_000) }), fail(60008), 'far over, not JSON');
  t.match(await call(t, app, IMPORT, undefined, { raw: Buffer.alloc(200_000) }), fail(60008), 'far over, binary');
  t.match(await call(t, app, IMPORT, { Identifier: 'after' }), ok, 'the next call is served');
});

t.test('the default body limit is 1 MiB', async (t) => {
  const { app } = build(t);
  t.equal(app.mock.options.bodyLimit, 1024 * 1024);
  t.match(await call(t, app, IMPORT, undefined, { raw: ' '.repeat(1024 * 1024 + 1) }), fail(60008));
  t.match(await call(t, app, IMPORT, undefined, { raw: JSON.stringify({ Identifier: 'x' }).padEnd(1024 * 1024) }), ok);
});

t.test('__proto__ and constructor.prototype keys pollute nothing and still get a vendor reply', async (t) => {
  const { app } = build(t);
  // [body, register_account_v1's code, account_import's code (after register's call), the account left, by kind]
  const polluting: [string, number, number, string, 'hosted' | 'standalone' | undefined][] = [
    ['{"__proto__":{"polluted":"yes"},"Identifier":"proto1"}', 70418, 0, 'proto1', 'standalone'],
    ['{"constructor":{"prototype":{"polluted":"yes"}},"Identifier":"proto2"}', 70418, 0, 'proto2', 'standalone'],
    ['{"Identifier":"proto3","Nick":{"__proto__":{"polluted":"yes"}}}', 70418, 70402, 'proto3', undefined],
    ['{"__proto__":{"Identifier":"hidden"}}', 70418, 70402, 'hidden', undefined],
    ['{"__proto__":{"polluted":"yes"},"Identifier":"proto4","IdentifierType":3,"Password":"password1"}', 0, 0, 'proto4', 'hosted'],
    ['{"constructor":{"prototype":{"polluted":"yes"}},"Identifier":"proto5","IdentifierType":3,"Password":"password1"}', 0, 0, 'proto5', 'hosted'],
  ];
  for (const [raw, registerCode, importCode, id, kind] of polluting) {
    t.equal((await call(t, app, REGISTER, undefined, { raw })).ErrorCode, registerCode, `${REGISTER}: ${raw}`);
    t.equal((await call(t, app, IMPORT, undefined, { raw })).ErrorCode, importCode, `${IMPORT}: ${raw}`);
    t.equal(app.mock.store.get(SDKAPPID, id)?.kind, kind, kind === undefined ? `${id} was not stored` : `${id} is a ${kind} account`);
  }
  t.equal(app.mock.store.count(SDKAPPID), 4, 'nothing else was stored');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
  t.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  t.match(await call(t, app, IMPORT, { Identifier: 'clean' }), ok, 'later calls are unaffected');
  t.equal(app.mock.store.get(SDKAPPID, 'clean')?.nick, undefined);
});

t.test('keys named like Object.prototype members are plain data', async (t) => {
  const { app } = build(t);
  for (const id of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
    t.match(await call(t, app, IMPORT, { Identifier: id }), ok, `an account named ${id}`);
    t.equal(app.mock.store.get(SDKAPPID, id)?.identifier, id);
  }
  t.match(await call(t, app, IMPORT, undefined, { raw: '{"toString":1,"Identifier":"plain"}' }), ok);
});

t.test('a key given twice: the last one wins, as JSON.parse reads it', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, undefined, { raw: '{"Identifier":"dup1","Nick":"first","Identifier":"dup2","Nick":"second"}' }), ok);
  t.equal(app.mock.store.get(SDKAPPID, 'dup1'), undefined, 'the first value is not read');
  t.match(app.mock.store.get(SDKAPPID, 'dup2'), { nick: 'second' });
  const raw = '{"Identifier":"dup3","IdentifierType":3,"Password":"short","Password":"password1"}';
  t.match(await call(t, app, REGISTER, undefined, { raw }), ok, 'a refused value followed by a valid one');
  t.match(await call(t, app, REGISTER, undefined, { raw: '{"Identifier":"dup4","IdentifierType":3,"Password":"password1","Password":"short"}' }), fail(70418), 'and the other way round');
});

t.test('fields a command does not know are ignored', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, IMPORT, { Identifier: 'extra1', Password: 'x', Foo: { bar: [1] }, nick: 'lower-case name' }), ok);
  t.same(
    Object.keys(app.mock.store.get(SDKAPPID, 'extra1') ?? {}).sort(),
    ['createdAt', 'identifier', 'kind', 'sdkappid', 'updatedAt'],
    'nothing of the unknown fields is stored',
  );
  t.match(await call(t, app, REGISTER, { Identifier: 'extra2', IdentifierType: 3, Password: 'password1', Nick: 5, UserID: [] }), ok);
});

t.test('a UTF-8 byte order mark before the JSON is skipped; a mark alone is an empty body (60003)', async (t) => {
  const { app } = build(t);
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  t.match(await call(t, app, IMPORT, undefined, { raw: Buffer.concat([bom, Buffer.from('{"Identifier":"bom1"}')]) }), ok);
  t.ok(app.mock.store.get(SDKAPPID, 'bom1'), 'the account is named without the mark');
  t.match(await call(t, app, IMPORT, undefined, { raw: bom }), fail(60003));
  t.match(await call(t, app, IMPORT, undefined, { raw: Buffer.concat([bom, bom, Buffer.from('{"Identifier":"bom2"}')]) }), fail(60003), 'only one mark is skipped');
});
