import type { Test } from 'tap';
import { buildApp } from '../src/app.js';
import { ControllableClock } from '../src/model/clock.js';
import type { MockOptions } from '../src/config/options.js';
import { Errors } from '../src/tim/errors.js';
import { ALIASES, catalogue } from '../src/tim/catalogue/index.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { GroupRecord } from '../src/model/groups.js';

export const REGISTER = '/v4/registration_service/register_account_v1';
export const IMPORT = '/v4/im_open_login_svc/account_import';
export const SDKAPPID = 1400000001;

/** A MsgBody of one text element. */
export const text = (Text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text } }];
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

/** The fields a command's OK reply may add to the three common ones (vendor docs); FAIL replies add none. */
const EXTRA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  multiaccount_import: ['FailAccounts'],
  account_check: ['ResultItem'],
  account_delete: ['ResultItem'],
  // Groups and relationships (issue 27).
  create_group: ['GroupId'],
  get_group_info: ['GroupInfo'],
  add_group_member: ['MemberList'],
  get_appid_group_list: ['TotalCount', 'GroupIdList', 'Next'],
  get_joined_group_list: ['TotalCount', 'GroupIdList'],
  get_group_member_info: ['MemberNum', 'MemberList'],
  get_role_in_group: ['UserIdList'],
  // The muted-member list under both its names (https://cloud.tencent.com/document/product/269/2925).
  get_group_muted_account: ['GroupId', 'ShuttedUinList'],
  get_group_shutted_uin: ['GroupId', 'ShuttedUinList'],
  friend_add: ['ResultItem', 'Fail_Account'],
  friend_import: ['ResultItem', 'Fail_Account'],
  friend_update: ['ResultItem', 'Fail_Account'],
  friend_delete: ['ResultItem', 'Fail_Account'],
  friend_check: ['InfoItem', 'Fail_Account'],
  friend_get: ['UserDataItem', 'StandardSequence', 'CustomSequence', 'FriendNum', 'CompleteFlag', 'NextStartIndex'],
  friend_get_list: ['InfoItem', 'Fail_Account'],
  black_list_add: ['ResultItem', 'Fail_Account'],
  black_list_delete: ['ResultItem', 'Fail_Account'],
  black_list_get: ['BlackListItem', 'StartIndex', 'CurruentSequence'],
  black_list_check: ['BlackListCheckItem', 'Fail_Account'],
  // Issue 26.
  portrait_set: ['ErrorDisplay'],
  portrait_get: ['UserProfileItem', 'Fail_Account', 'ErrorDisplay'],
  sendmsg: ['MsgTime', 'MsgKey'],
  batchsendmsg: ['MsgKey', 'ErrorList'],
  admin_getroammsg: ['Complete', 'MsgCnt', 'LastMsgTime', 'LastMsgKey', 'MsgList'],
  get_c2c_unread_msg_num: ['AllC2CUnreadMsgNum', 'C2CUnreadMsgNumList', 'ErrorList'],
  query_online_status: ['QueryResult', 'ErrorList'],
  querystate: ['QueryResult', 'ErrorList'],
};
/** The fields a command's FAIL reply adds too (portrait_set and portrait_get send ErrorDisplay either way). */
const FAIL_EXTRA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  portrait_set: ['ErrorDisplay'],
  portrait_get: ['ErrorDisplay'],
};
/** The fields a stubbed command's OK reply may add: its reply schema's (src/tim/catalogue/generated.ts). */
const STUB_FIELDS: ReadonlyMap<string, readonly string[]> = new Map(
  catalogue.map((e) => [`/v4/${e.service}/${e.command}`, Object.keys(e.reply().properties)]),
);
const extraFieldsOf = (command: string | undefined, path: string): readonly string[] =>
  EXTRA_FIELDS[command ?? ''] ?? STUB_FIELDS.get(path) ?? STUB_FIELDS.get(ALIAS_OF.get(path) ?? '') ?? [];
const ALIAS_OF: ReadonlyMap<string, string> = new Map(ALIASES.map((a) => [`/v4/${a.service}/${a.command}`, a.of]));

/** Every code of the vendor catalogue. */
export const knownCodes: ReadonlySet<number> = new Set(Object.values(Errors).map((e) => e.code));

const COMMON_FIELDS = ['ActionStatus', 'ErrorCode', 'ErrorInfo'];

/** One /v4 answer as the app sends it (onSend sees the serialized payload). */
export interface SentReply {
  path: string;
  /** The vendor command the route serves; undefined for an unknown one (60009). */
  command: string | undefined;
  /** The kind of fault that answered the call, if one did. */
  faultKind: string | undefined;
  /** Whether a user stub answered the call. */
  userStub?: boolean;
  statusCode: number;
  contentType: unknown;
  payload: unknown;
}

/**
 * Why a /v4 answer is not what the vendor sends, or undefined when it is: HTTP 200, JSON with
 * exactly ActionStatus/ErrorInfo/ErrorCode plus the command's documented extra fields (on OK
 * only), ErrorCode 0 with an empty ErrorInfo or a catalogue code with a text. An armed
 * httpStatus/drop fault answers non-vendor replies on purpose; an errorCode fault may name a
 * code outside the catalogue.
 */
export function vendorShapeViolation(sent: SentReply): string | undefined {
  if (sent.faultKind === 'httpStatus' || sent.faultKind === 'drop') return undefined;
  const where = `${sent.path} (${sent.command ?? 'no command'})`;
  if (sent.statusCode !== 200) return `${where}: HTTP ${sent.statusCode}`;
  if (!/^application\/json/.test(String(sent.contentType))) return `${where}: content-type ${String(sent.contentType)}`;
  if (typeof sent.payload !== 'string') return `${where}: the payload is not serialized text`;
  let reply: unknown;
  try {
    reply = JSON.parse(sent.payload);
  } catch {
    return `${where}: not JSON: ${sent.payload.slice(0, 200)}`;
  }
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) return `${where}: not a JSON object: ${sent.payload.slice(0, 200)}`;
  const r = reply as Record<string, unknown>;
  const { ActionStatus, ErrorCode, ErrorInfo } = r;
  const extras = ActionStatus === 'OK' ? extraFieldsOf(sent.command, sent.path) : (FAIL_EXTRA_FIELDS[sent.command ?? ''] ?? []);
  // A user stub's reply is the user's: only its common fields are the emulator's to check.
  const unexpected = sent.userStub ? [] : Object.keys(r).filter((k) => !COMMON_FIELDS.includes(k) && !extras.includes(k));
  if (unexpected.length > 0) return `${where}: fields the vendor does not send: ${unexpected.join(', ')}`;
  const missing = COMMON_FIELDS.filter((k) => !(k in r));
  if (missing.length > 0) return `${where}: missing ${missing.join(', ')}`;
  if (typeof ErrorCode !== 'number' || !Number.isInteger(ErrorCode)) return `${where}: ErrorCode ${JSON.stringify(ErrorCode)}`;
  if (typeof ErrorInfo !== 'string') return `${where}: ErrorInfo ${JSON.stringify(ErrorInfo)}`;
  if (ErrorCode === 0) {
    if (ActionStatus !== 'OK' || ErrorInfo !== '') return `${where}: ErrorCode 0 with ${JSON.stringify({ ActionStatus, ErrorInfo })}`;
    return undefined;
  }
  if (ActionStatus !== 'FAIL') return `${where}: ErrorCode ${ErrorCode} with ActionStatus ${JSON.stringify(ActionStatus)}`;
  if (ErrorInfo === '') return `${where}: FAIL ${ErrorCode} without an ErrorInfo`;
  if (!knownCodes.has(ErrorCode) && sent.faultKind !== 'errorCode' && !sent.userStub) return `${where}: ErrorCode ${ErrorCode} is not in the catalogue`;
  return undefined;
}

const pathOf = (url: string): string => url.split('?', 1)[0] as string;

/**
 * Checks every /v4 answer the app sends, however the test made the call (call(), a bare
 * app.inject, real HTTP); the test fails before it ends if any was not vendor-shaped.
 */
export function checkEveryVendorReply(t: Test, app: FastifyInstance): void {
  const violations: string[] = [];
  let reported = 0;
  app.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request.url);
    // vendorCall is set on every /v4 route (undefined elsewhere: it is decorated inside the /v4 plugin).
    if (!request.vendorCall && path !== '/v4' && !path.startsWith('/v4/')) return payload;
    const violation = vendorShapeViolation({
      path,
      command: request.vendorCall?.command?.command,
      faultKind: request.vendorCall?.fault?.kind,
      userStub: request.vendorCall?.stub !== undefined,
      statusCode: reply.statusCode,
      contentType: reply.getHeader('content-type'),
      payload,
    });
    if (violation !== undefined) violations.push(violation);
    return payload;
  });
  // Before the test ends (an assertion in teardown would come after it); teardown catches later ones.
  const beforeEnd = t.onbeforeend;
  t.onbeforeend = () => {
    t.same(violations, [], 'every /v4 reply was vendor-shaped');
    reported = violations.length;
    return beforeEnd.call(t);
  };
  t.teardown(() => {
    if (violations.length > reported) throw new Error(`/v4 replies that are not vendor-shaped: ${violations.slice(reported).join('; ')}`);
  });
}

/** An app built for one test, closed when it ends, with a clock the test controls; its /v4 replies are all checked. */
export function build(t: Test, options: Partial<MockOptions> = {}): { app: FastifyInstance; clock: ControllableClock } {
  const clock = options.clock ?? new ControllableClock();
  clock.set(Date.UTC(2026, 0, 1));
  const app = buildApp({ ...options, clock });
  checkEveryVendorReply(t, app);
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

/** A group as the state file and the fixtures hold it: a Public group with its owner alone in it. */
export const groupRecord = (groupId: string, name: string, owner: string): GroupRecord => ({
  groupId,
  type: 'Public',
  name,
  introduction: '',
  notification: '',
  faceUrl: '',
  owner,
  maxMemberCount: 10,
  applyJoinOption: 'NeedPermission',
  createTime: 1,
  lastInfoTime: 1,
  infoSeq: 0,
  lastMsgTime: 0,
  nextMsgSeq: 1,
  members: [{ account: owner, role: 'Owner', joinTime: 1, nameCard: '', msgFlag: 'AcceptAndNotify', shutUpUntil: 0 }],
});

/**
 * Resolves when the app's next call starts a fault's delay: an event to wait on, where a poll
 * would have to guess how long a loaded machine takes to get the call there.
 */
export function nextDelay(app: FastifyInstance): Promise<void> {
  const { faults } = app.mock;
  const delay = faults.delay.bind(faults);
  return new Promise((resolve) => {
    faults.delay = (ms) => {
      faults.delay = delay;
      resolve();
      return delay(ms);
    };
  });
}
