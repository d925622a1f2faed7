import t from 'tap';
import { build, call, IMPORT, REGISTER } from '../../helper.js';

t.test('the seed pages\' request examples succeed', async (t) => {
  const { app } = build(t);
  t.match(await call(t, app, REGISTER, { Identifier: 'testaccount1', IdentifierType: 3, Password: 'pas122333' }), { ErrorCode: 0 });
  t.match(await call(t, app, IMPORT, { Identifier: 'test', Nick: 'test', FaceUrl: 'http://www.qq.com' }), { ErrorCode: 0 });
});
