import { unixSeconds } from '../../model/clock.js';
import { isPlatform, PLATFORMS, type Platform } from '../../model/online.js';
import { CALLBACK_COMMANDS, type CallbackCommand } from '../../model/callback-settings.js';
import type { App } from '../../model/apps.js';
import type { CommandContext } from '../../tim/command.js';
import type { JsonObject } from '../../tim/body.js';
import { afterSendMsg, beforeSendMsg, c2cPayload, type CallbackControl } from '../../tim/rules/c2c-callbacks.js';
import { deliver } from '../../tim/rules/deliver.js';
import { beforeGroupSend, sendGroupMessage, type GroupSend } from '../../tim/rules/group-callbacks.js';
import { Errors, VendorError } from '../../tim/errors.js';
import { parseMsgBody, randomUint32 } from '../../tim/rules/openim.js';
import { stateChange } from '../../tim/rules/callback-events.js';
import { ClientActionError, UnknownAppError } from '../../shared/mock-errors.js';
import { clip } from '../../shared/clip.js';
import type { MockServices } from '../mock-services.js';
import type { CallbackRecord } from './journal.js';

/**
 * The OptPlatform a client of each platform reports (https://cloud.tencent.com/document/product/269/1522);
 * State.StateChange spells iOS "IOS", as that page notes.
 */
const OPT_PLATFORM: Readonly<Record<Platform, string>> = {
  iPhone: 'iOS',
  Android: 'Android',
  Web: 'Web',
  PC: 'Windows',
  iPad: 'iPad',
  Mac: 'macOS',
};
const optPlatform = (platform: Platform, command?: string): string =>
  platform === 'iPhone' && command === 'State.StateChange' ? 'IOS' : OPT_PLATFORM[platform];

/** Where a simulated client is: an imported account on a platform. */
export interface ClientSpec {
  sdkappid: number;
  account: string;
  platform: string;
}

/** A message a simulated client sends to another account. */
export interface ClientMessage extends ClientSpec {
  to: string;
  MsgBody: unknown;
  MsgRandom?: number;
  CloudCustomData?: string;
}

/** A message a simulated client sends in a group it is a member of. */
export interface ClientGroupMessage extends ClientSpec {
  groupId: string;
  MsgBody: unknown;
  Random?: number;
  CloudCustomData?: string;
  OnlineOnlyFlag?: number;
}

/** How a client's group message ended: sent (its MsgSeq), refused (10016) or silenced by the backend. */
export interface ClientGroupSendResult {
  result: 'sent' | 'refused' | 'silenced';
  MsgSeq?: number;
  MsgTime?: number;
}

/** How a client's message ended: sent (stored, counted unread), refused (20006) or silenced by the backend. */
export interface ClientSendResult {
  result: 'sent' | 'refused' | 'silenced';
  MsgKey?: string;
  MsgTime?: number;
}

type Services = Pick<
  MockServices,
  'apps' | 'store' | 'clock' | 'profiles' | 'messages' | 'online' | 'groups' | 'friends' | 'callbacks'
>;

/**
 * Plays the client side (issue 28): logins, logouts and messages as the vendor's SDKs make them,
 * with the callbacks they cause and OptPlatform of the client's platform.
 */
export class Clients {
  readonly #s: Services;

  constructor(services: Services) {
    this.#s = services;
  }

  #app(sdkappid: number): App {
    const app = this.#s.apps.get(sdkappid);
    if (app === undefined) throw new UnknownAppError(`no app ${sdkappid}`);
    return app;
  }

  #account(app: App, name: unknown, field: string): string {
    if (typeof name !== 'string' || name === '') throw new ClientActionError(`${field}: must be an imported account`);
    const account = this.#s.store.get(app.sdkappid, name);
    if (account === undefined) throw new ClientActionError(`${field}: no account ${JSON.stringify(clip(name))} in app ${app.sdkappid}`);
    return account.identifier;
  }

  #platform(platform: unknown): Platform {
    if (!isPlatform(platform)) throw new ClientActionError(`platform: must be one of ${PLATFORMS.join(', ')}`);
    return platform;
  }

  #context(app: App, caller: string, platform: Platform, command?: string): CommandContext {
    const { store, clock, profiles, messages, online, groups, friends, callbacks } = this.#s;
    const hooks = callbacks.hooksFor(app, () => ({ clientIp: '127.0.0.1', optPlatform: optPlatform(platform, command) }));
    return { app, caller, store, clock, profiles, messages, online, groups, friends, callbacks: hooks };
  }

  /** Logs the account in on the platform (Online) and sends State.StateChange, Login. */
  login(spec: ClientSpec): void {
    this.#change(spec, 'Login');
  }

  /** Logs the account out of the platform and sends State.StateChange, Logout. */
  logout(spec: ClientSpec): void {
    this.#change(spec, 'Logout');
  }

  #change(spec: ClientSpec, action: 'Login' | 'Logout'): void {
    const app = this.#app(spec.sdkappid);
    const account = this.#account(app, spec.account, 'account');
    const platform = this.#platform(spec.platform);
    this.#s.online.set(app.sdkappid, account, platform, action === 'Login' ? 'Online' : 'Offline');
    stateChange(this.#context(app, account, platform, 'State.StateChange'), account, action);
  }

  /**
   * A one-to-one message from a client: the before-callback may refuse, silence or rewrite it;
   * a sent one is stored (counted unread) and followed by the after-callback.
   */
  async sendmsg(m: ClientMessage): Promise<ClientSendResult> {
    const app = this.#app(m.sdkappid);
    const from = this.#account(app, m.account, 'account');
    const to = this.#account(app, m.to, 'to');
    const platform = this.#platform(m.platform);
    let parsed;
    try {
      parsed = parseMsgBody({ MsgBody: m.MsgBody } as JsonObject);
    } catch (error) {
      throw new ClientActionError(`MsgBody: ${(error as Error).message}`);
    }
    const ctx = this.#context(app, from, platform);
    const random = m.MsgRandom ?? randomUint32();
    const control: CallbackControl = { forbidBefore: false, forbidAfter: false };
    const message = { from, to, seq: undefined, random, ...parsed, cloudCustomData: m.CloudCustomData, control };
    let decided = message;
    try {
      decided = (await beforeSendMsg(ctx, message)) ?? message;
    } catch {
      // The sender never rejects: the one rejection is the backend's refusal (20006 to a REST call).
      return { result: 'refused' };
    }
    if (decided.control.silenced === true) return { result: 'silenced' };
    const sent = deliver(ctx, { ...decided, countsUnread: true });
    afterSendMsg(ctx, decided, to, sent);
    return { result: 'sent', MsgKey: sent.key, MsgTime: sent.time };
  }

  /**
   * A group message from a client, as send_group_msg sends one from a member: the group and the
   * member are checked (a ClientActionError naming the vendor's code), Group.CallbackBeforeSendMsg
   * may refuse, silence or rewrite it, and a sent one is followed by Group.CallbackAfterSendMsg.
   */
  async sendGroupMsg(m: ClientGroupMessage): Promise<ClientGroupSendResult> {
    const app = this.#app(m.sdkappid);
    const from = this.#account(app, m.account, 'account');
    const platform = this.#platform(m.platform);
    if (typeof m.groupId !== 'string' || m.groupId === '') throw new ClientActionError('groupId: must be a group of the app');
    let body;
    try {
      body = parseMsgBody({ MsgBody: m.MsgBody } as JsonObject).elements;
    } catch (error) {
      throw new ClientActionError(`MsgBody: ${(error as Error).message}`);
    }
    const ctx = this.#context(app, from, platform);
    const message: GroupSend = {
      groupId: m.groupId,
      random: m.Random ?? randomUint32(),
      from,
      priority: 'Normal',
      body,
      cloudCustomData: m.CloudCustomData,
      onlineOnly: m.OnlineOnlyFlag === 1,
      control: { forbidBefore: false, forbidAfter: false },
    };
    let decided: GroupSend;
    try {
      decided = (await beforeGroupSend(ctx, message)) ?? message;
      if (decided.control.silenced === true) return { result: 'silenced' };
      return { result: 'sent', ...sendGroupMessage(ctx, decided) };
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      if (error.code === Errors.GroupRefusedByCallback.code) return { result: 'refused' };
      // The group's own checks (10010, 10007, 10017...): what the client's SDK would be told.
      throw new ClientActionError(`the vendor answers ${error.code}: ${error.message}`);
    }
  }

  /**
   * Sends any callback command the emulator knows, as `stripe trigger` does: `payload` over one
   * filled from the model (the app's first accounts). Resolves with the journal record.
   */
  trigger(sdkappid: number, command: string, payload: Record<string, unknown> = {}): Promise<CallbackRecord> {
    const app = this.#app(sdkappid);
    if (!CALLBACK_COMMANDS.includes(command as CallbackCommand)) {
      throw new ClientActionError(`command: not a callback command the emulator sends (one of ${CALLBACK_COMMANDS.join(', ')})`);
    }
    if (app.settings.callbackUrl === null) {
      throw new ClientActionError(`app ${sdkappid} has no callbackUrl: set one with PUT /__mock/apps/${sdkappid}`);
    }
    const [a = 'user1', b = 'user2'] = this.#s.store.list(sdkappid).slice(0, 2).map((x) => x.identifier);
    const ctx = this.#context(app, app.admin, 'Web');
    const sample = { ...sampleOf(command, ctx, a, b), ...payload } as JsonObject;
    return this.#s.callbacks.send(app, command, sample, { clientIp: '127.0.0.1', optPlatform: 'RESTAPI' });
  }
}

/** A payload of each command, filled with the app's accounts, in the shape its vendor page documents. */
function sampleOf(command: string, ctx: CommandContext, a: string, b: string): JsonObject {
  const group = { GroupId: '@TGS#mock', Type: 'Public' };
  const elements = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
  const message = { from: a, to: b, seq: 1, random: 1, elements, json: '', control: { forbidBefore: false, forbidAfter: false } };
  const key = `1_1_${unixSeconds(ctx.clock)}`;
  const members = (account: string) => [{ Member_Account: account }];
  const groupMessage = { ...group, From_Account: a, Operator_Account: a, Random: 1, MsgBody: elements };
  const samples: Record<string, () => JsonObject> = {
    'State.StateChange': () => ({ Info: { Action: 'Login', To_Account: a, Reason: 'Register' } }),
    'Profile.CallbackPortraitSet': () => ({
      Operator_Account: a,
      From_Account: a,
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: a }],
    }),
    'C2C.CallbackBeforeSendMsg': () => c2cPayload(ctx, message),
    'C2C.CallbackAfterSendMsg': () => ({ ...c2cPayload(ctx, message), MsgKey: key, SendMsgResult: 0, ErrorInfo: '', UnreadMsgNum: 1 }),
    'Group.CallbackAfterCreateGroup': () => ({ ...group, Operator_Account: a, Owner_Account: a, Name: 'group', CreateGroupMemberList: members(a) }),
    'Group.CallbackAfterNewMemberJoin': () => ({ ...group, JoinType: 'Invited', Operator_Account: a, NewMemberList: members(b) }),
    'Group.CallbackAfterMemberExit': () => ({ ...group, ExitType: 'Quit', Operator_Account: b, ExitMemberList: members(b) }),
    'Group.CallbackAfterGroupDestroyed': () => ({ ...group, Owner_Account: a, Name: 'group', MemberList: members(a) }),
    'Group.CallbackBeforeSendMsg': () => ({ ...groupMessage, OnlineOnlyFlag: 0 }),
    'Group.CallbackAfterSendMsg': () => ({ ...groupMessage, OnlineOnlyFlag: 0, MsgSeq: 1, MsgTime: unixSeconds(ctx.clock) }),
    'Sns.CallbackFriendAdd': () => ({ PairList: [{ From_Account: a, To_Account: b, Initiator_Account: a }], ClientCmd: 'friend_add' }),
    'Sns.CallbackFriendDelete': () => ({ PairList: [{ From_Account: a, To_Account: b }], ClientCmd: 'friend_delete' }),
    'Sns.CallbackBlackListAdd': () => ({ PairList: [{ From_Account: a, To_Account: b }], ClientCmd: 'black_list_add' }),
  };
  return (samples[command] as () => JsonObject)();
}
