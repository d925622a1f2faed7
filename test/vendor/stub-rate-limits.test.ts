import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { build, call } from '../helper.js';
import { catalogue } from '../../src/tim/catalogue/index.js';
import { RATE_LIMITS } from '../../src/tim/catalogue/rate-limits.js';
import { sampleOf } from '../../src/tim/catalogue/sample.js';
import { STUB_RATE_LIMIT } from '../../src/tim/catalogue/stub-command.js';
import { Errors } from '../../src/tim/errors.js';

const pathOf = (e: { service: string; command: string }) => `/v4/${e.service}/${e.command}`;
const entryAt = (path: string) => catalogue.find((e) => pathOf(e) === path);
const minimalBody = (schema: TSchema) => sampleOf(schema, { random: () => 0.5, now: 1767225600 }, true) as object;

/** The ErrorCodes of `n` calls in a row, each with a body of the command's required fields. */
async function codes(t: Test, app: FastifyInstance, path: string, n: number): Promise<number[]> {
  const body = minimalBody(entryAt(path)!.request());
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(t, app, path, body)).ErrorCode);
  return out;
}

/** `ok` calls answered, then the rate-limit code. */
const allowed = (ok: number): number[] => [...Array.from({ length: ok }, () => 0), Errors.RateLimited.code];

t.test('every documented limit names a catalogued command and a vendor page, and is what the stub gets', async (t) => {
  const { app } = build(t);
  for (const [path, { limit, page }] of Object.entries(RATE_LIMITS)) {
    t.ok(entryAt(path), `${path} is catalogued`);
    t.match(page, /^https:\/\/(cloud\.tencent\.com\/document\/product\/269|www\.tencentcloud\.com\/document\/product\/1047|trtc\.io\/document)\//, `${path}: the vendor's page`);
    const served = app.mock.commands.find((c) => c.path === path);
    if (served?.served === 'stub') t.equal(served.defaultRateLimit, limit, `${path}: ${limit}/s`);
  }
  const unlisted = app.mock.commands.find((c) => c.path === '/v4/im_cos_msg/forbid_illegal_object');
  t.equal(unlisted?.defaultRateLimit, STUB_RATE_LIMIT, 'a page that gives no limit: 200/s');
});

t.test('a stub\'s documented limit at its boundary, refilled by the emulator clock', async (t) => {
  const { app, clock } = build(t);
  // https://cloud.tencent.com/document/product/269/45934: two pushes must be more than a second apart.
  const PUSH = '/v4/all_member_push/im_push';
  t.same(await codes(t, app, PUSH, 2), allowed(1), 'im_push: 1, the second refused');
  clock.advance(999);
  t.same(await codes(t, app, PUSH, 1), [Errors.RateLimited.code], '999 ms later: still refused');
  clock.advance(1);
  t.same(await codes(t, app, PUSH, 1), [0], 'a second later: answered');
  // https://cloud.tencent.com/document/product/269/137903: the tag and attribute commands, 100/s.
  t.same(await codes(t, app, '/v4/all_member_push/im_get_tag', 101), allowed(100), 'im_get_tag: 100, the 101st refused');
  // https://cloud.tencent.com/document/product/269/77402: a broadcast a second.
  t.same(await codes(t, app, '/v4/group_open_http_svc/send_broadcast_msg', 2), allowed(1), 'send_broadcast_msg: 1');
  // https://cloud.tencent.com/document/product/269/74741: 200/s.
  t.same(await codes(t, app, '/v4/openim/modify_group_msg', 201), allowed(200), 'modify_group_msg: 200');
  // https://cloud.tencent.com/document/product/269/74775 gives no limit: 200/s.
  t.same(await codes(t, app, '/v4/im_cos_msg/forbid_illegal_object', 201), allowed(200), 'forbid_illegal_object: 200');
});

t.test('a configured limit still wins over the documented one', async (t) => {
  const { app } = build(t, { rateLimits: { im_push: 3 } });
  t.same(await codes(t, app, '/v4/all_member_push/im_push', 4), allowed(3));
});
