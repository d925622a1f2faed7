import t from 'tap';
import { assertVendorShaped, build, call, envelope, IMPORT, REGISTER } from '../helper.js';

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });

t.test('a method other than POST on a command is 60008', async (t) => {
  const { app } = build(t);
  for (const path of [REGISTER, IMPORT]) {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      t.match(await call(t, app, path, { Identifier: 'm1' }, { method }), fail(60008), `${method} ${path}`);
      t.match(await call(t, app, path, undefined, { method, query: { sdkappid: undefined } }), fail(60008), `${method} ${path}, no URL parameters`);
    }
    const trace = await app.inject({ method: 'TRACE', url: path, query: envelope() });
    t.match(assertVendorShaped(t, trace), fail(60008), `TRACE ${path}`);
    const head = await app.inject({ method: 'HEAD', url: path, query: envelope() });
    t.equal(head.statusCode, 200, `HEAD ${path} is 200 (with no body, as HEAD has none)`);
    t.equal(head.body, '');
  }
  t.equal(app.mock.store.count(), 0, 'no method but POST changes anything');
});

t.test('an unknown service or command is 60009, whatever the method and parameters', async (t) => {
  const { app } = build(t);
  const paths = [
    '/v4/registration_service/register_account_v2',
    '/v4/im_open_login_svc/account_importx',
    '/v4/no_such_service/account_import',
    '/v4/im_open_login_svc/register_account_v1',
    '/v4/registration_service/account_import',
    '/v4/IM_OPEN_LOGIN_SVC/ACCOUNT_IMPORT',
    `${IMPORT}/extra`,
    '/v4/im_open_login_svc',
    '/v4/',
    '/v4',
  ];
  for (const path of paths) {
    t.match(await call(t, app, path, { Identifier: 'u1' }), fail(60009), `POST ${path}`);
    t.match(await call(t, app, path, undefined, { method: 'GET', query: { sdkappid: undefined } }), fail(60009), `GET ${path} without parameters`);
  }
});

t.test('the command path is matched after percent-decoding; a trailing or doubled slash is another path (60009)', async (t) => {
  const { app } = build(t);
  const served = [
    ['/v4/registration_service/register%5Faccount%5Fv1', REGISTER],
    ['/%76%34/im_open_login_svc/account_import', IMPORT],
  ] as const;
  for (const [path, decoded] of served) {
    const body = decoded === REGISTER ? { Identifier: 'pct_reg', IdentifierType: 3, Password: 'password1' } : { Identifier: 'pct_imp' };
    t.match(await call(t, app, path, body), { ErrorCode: 0 }, `${path} is ${decoded}`);
  }
  t.ok(app.mock.store.get(1400000001, 'pct_reg') && app.mock.store.get(1400000001, 'pct_imp'), 'both were served');
  for (const path of [`${IMPORT}/`, `${REGISTER}/`, '/v4//im_open_login_svc/account_import', '/v4/registration_service%2Fregister_account_v1']) {
    t.match(await call(t, app, path, { Identifier: 'slash1', IdentifierType: 3, Password: 'password1' }), fail(60009), path);
  }
  t.equal(app.mock.store.count(), 2);
});
