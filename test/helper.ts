import type { Test } from 'tap';
import { buildApp } from '../src/app.js';
import { ControllableClock } from '../src/clock.js';
import type { MockOptions } from '../src/config.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export const REGISTER = '/v4/registration_service/register_account_v1';
export const IMPORT = '/v4/im_open_login_svc/account_import';
export const SDKAPPID = 1400000001;
export const ADMIN = 'administrator';

/** The vendor's reply: HTTP 200, JSON, ActionStatus/ErrorInfo/ErrorCode (plus a command's own fields). */
export interface Reply {
  ActionStatus: 'OK' | 'FAIL';
  ErrorInfo: string;
  ErrorCode: number;
  [extra: string]: unknown;
}

/** Every /v4 reply the suite sees passes through here: a reply that is not vendor-shaped fails the test. */
export function assertVendorShaped(t: Test, res: LightMyRequestResponse | { statusCode: number; headers: Record<string, unknown>; body: string }): Reply {
  t.equal(res.statusCode, 200, 'vendor replies are HTTP 200');
  t.match(String(res.headers['content-type']), /^application\/json/, 'vendor replies are JSON');
  const reply = JSON.parse(res.body) as Reply;
  t.ok(reply.ActionStatus === 'OK' || reply.ActionStatus === 'FAIL', 'ActionStatus is OK or FAIL');
  t.type(reply.ErrorCode, 'number', 'ErrorCode is a number');
  t.type(reply.ErrorInfo, 'string', 'ErrorInfo is a string');
  t.equal(reply.ActionStatus === 'OK', reply.ErrorCode === 0, 'OK exactly when ErrorCode is 0');
  if (reply.ErrorCode === 0) t.equal(reply.ErrorInfo, '', 'OK replies have an empty ErrorInfo');
  else t.not(reply.ErrorInfo, '', 'FAIL replies explain themselves');
  return reply;
}

/** An app built for one test, closed when it ends, with a clock the test controls. */
export function build(t: Test, options: Partial<MockOptions> = {}): { app: FastifyInstance; clock: ControllableClock } {
  const clock = options.clock ?? new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const app = buildApp({ ...options, clock });
  t.teardown(() => app.close());
  return { app, clock };
}

export interface CallOptions {
  query?: Record<string, string | undefined>;
  /** A raw body (sent as is) instead of JSON. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  method?: 'POST' | 'GET' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
}

export const envelope = (overrides: Record<string, string | undefined> = {}): Record<string, string> => {
  const q: Record<string, string | undefined> = {
    sdkappid: String(SDKAPPID),
    identifier: ADMIN,
    usersig: 'any-sig',
    random: '99999999',
    contenttype: 'json',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
};

/** Calls a vendor command as a real client would and returns its (checked) vendor reply. */
export async function call(t: Test, app: FastifyInstance, path: string, body?: unknown, opts: CallOptions = {}): Promise<Reply> {
  const res = await app.inject({
    method: opts.method ?? 'POST',
    url: path,
    query: envelope(opts.query),
    headers: opts.headers ?? {},
    ...(opts.raw !== undefined ? { payload: opts.raw } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return assertVendorShaped(t, res);
}
