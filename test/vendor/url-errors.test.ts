import t from 'tap';
import { assertVendorShaped, build, call, envelope } from '../helper.js';

const SECRET_SIG = 'LEAK-SIG-8f3a';
const query = new URLSearchParams(envelope({ usersig: SECRET_SIG })).toString();

t.test('a URL with a bad percent-escape: vendor 60002 under /v4, a plain 400 elsewhere, never the usersig', async (t) => {
  const { app } = build(t);
  const vendor = await app.inject({ method: 'POST', url: `/v4/registration_service/register_account_v1%ZZ?${query}`, payload: '{}' });
  t.match(assertVendorShaped(t, vendor), { ErrorCode: 60002 });
  t.notMatch(vendor.body, SECRET_SIG);

  const other = await app.inject({ method: 'GET', url: `/nothing%ZZ?${query}` });
  t.equal(other.statusCode, 400);
  t.same(other.json(), { statusCode: 400, error: 'Bad Request', message: 'the URL is not valid (a bad percent-escape?)' });
  t.notMatch(other.body, SECRET_SIG);
});

t.test('a path outside every route is a JSON 404 naming the path, not the query', async (t) => {
  const { app } = build(t);
  const res = await app.inject({ method: 'GET', url: `/nothing?${query}` });
  t.equal(res.statusCode, 404);
  t.same(res.json(), { statusCode: 404, error: 'Not Found', message: 'no route GET /nothing' });
});

t.test('an unknown command is 60009 before its body is read, even when the body is over the limit', async (t) => {
  const { app } = build(t, { bodyLimit: 1024 });
  t.match(await call(t, app, '/v4/no_such_service/no_such_command', undefined, { raw: 'x'.repeat(4096) }), { ErrorCode: 60009 });
  t.match(await call(t, app, '/v4/im_open_login_svc/account_import', undefined, { raw: 'x'.repeat(4096) }), { ErrorCode: 60008 }, 'a known command reads it and refuses it');
});

t.test('a body that is not UTF-8 is 60003 and stores nothing; valid multi-byte text and U+FFFD itself are fine', async (t) => {
  const { app } = build(t);
  const bad = Buffer.concat([Buffer.from('{"UserID":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
  t.match(await call(t, app, '/v4/im_open_login_svc/account_import', undefined, { raw: bad }), { ErrorCode: 60003 });
  t.equal(app.mock.store.count(), 0);
  t.match(await call(t, app, '/v4/im_open_login_svc/account_import', { UserID: 'café\uFFFD' }), { ErrorCode: 0 });
  t.ok(app.mock.store.get(1400000001, 'café\uFFFD'));
});
