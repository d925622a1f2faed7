import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Account } from './model/accounts/account.js';
import { buildApp, type MockFastifyInstance } from './app.js';
import type { ControllableClock } from './model/clock.js';
import type { MockOptions } from './config/options.js';
import { changeApp, listApps, type AppView } from './control/apps.js';
import { seedGroupMessages, seedGroups } from './control/relations.js';
import { resetMock } from './control/reset.js';
import { listMessages, setOnline, type MessageFilter, type MessageView, type OnlineChange } from './control/conversations.js';
import type { ProfileEntry } from './model/profiles.js';
import type { OnlineEntry } from './model/online.js';
import type { FriendsSnapshot } from './model/friends.js';
import { recordOf, type GroupRecord } from './model/groups.js';
import type { GroupMessageSeed } from './model/group-messages.js';
import { AccountView } from './control/schemas.js';
import type { FaultView } from './services/faults/registry.js';
import { parseFaultSpec, type FaultSpec } from './services/faults/spec.js';
import type { JournalEntry, JournalFilter } from './services/journal/journal.js';
import type { AppPatch } from './model/plans.js';
import { reachableHost } from './shared/url.js';
import type { StubSpec, StubView } from './services/stubs/registry.js';
import {
  Clients,
  type ClientGroupMessage,
  type ClientGroupSendResult,
  type ClientMessage,
  type ClientSendResult,
  type ClientSpec,
} from './services/callbacks/clients.js';
import type { CallbackRecord } from './services/callbacks/journal.js';

/** The control plane as functions, for a test suite that runs the emulator in its own process. */
export interface MockControls {
  /**
   * Empties accounts, faults, the journal, the run-time stubs and the rate-limit buckets, gives every app back the
   * settings it started with, and returns the clock to real time.
   */
  reset(): void;
  /** Every app, as GET /__mock/apps lists it (never a secret key). */
  apps(): AppView[];
  /**
   * Changes an app's plan settings or rate limits, as PUT /__mock/apps/:sdkappid does, all or
   * nothing; returns the app as apps() lists it. Throws an AppSettingsError naming a bad field,
   * or an UnknownAppError for an undeclared app.
   */
  setApp(sdkappid: number, patch: AppPatch): AppView;
  /** The accounts, as GET /__mock/accounts lists them (never a password or its hash). */
  accounts(sdkappid?: number): AccountView[];
  /**
   * The request journal, as GET /__mock/requests lists it, oldest first, secrets redacted: every
   * matching entry the journal holds, or the newest `limit` of them (no page cap in process).
   * For the older page, pass the first entry's `seq` as `before`.
   */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Arms a fault, as POST /__mock/faults does; returns its id. Throws a FaultSpecError naming a bad field. */
  addFault(spec: FaultSpec): string;
  /** The armed faults with how often each fired. */
  faults(): FaultView[];
  /** Disarms one fault; false when there is no such fault. */
  removeFault(id: string): boolean;
  /**
   * Adds a user stub, as POST /__mock/stubs does: `reply` answers calls to `path` (emulated or
   * not) whose body holds `match`, `times` times (default: until removed), after `delayMs`.
   * Throws a StubError for a path the vendor lacks or a reply that is not vendor-shaped.
   */
  stub(spec: StubSpec): StubView;
  /** The user stubs, oldest first, with how often each answered. */
  stubs(): StubView[];
  /** Removes one stub; false when there is no such stub. */
  removeStub(id: string): boolean;
  /** The emulator's clock, in milliseconds: `set(ms)`, `advance(ms)` freeze it; `useRealTime()` lets it run. */
  clock: ControllableClock;
  /**
   * Stored one-to-one messages, as GET /__mock/messages lists them: oldest first, the newest
   * `limit` (default 100) of one app, one account's, or with `from` and `to` one conversation's.
   */
  messages(filter?: MessageFilter): MessageView[];
  /** The profile fields portrait_set wrote (Nick and Image are the accounts' nick and faceUrl). */
  profiles(sdkappid?: number): ProfileEntry[];
  /** The accounts logged in on some platform; every other account is Offline. */
  online(sdkappid?: number): OnlineEntry[];
  /**
   * Logs an imported account in (Online, PushOnline) or out (Offline) on a platform, as a
   * client would, for query_online_status; false when there is no such account.
   */
  setOnline(change: OnlineChange): boolean;
  /** The groups with their members, as GET /__mock/groups lists them (detached copies). */
  groups(sdkappid?: number): Array<{ sdkappid: number; group: GroupRecord }>;
  /** Replaces one app's groups, as POST /__mock/groups does; throws a ControlRequestError naming a bad group. */
  seedGroups(sdkappid: number, groups: GroupRecord[]): void;
  /**
   * Adds messages to one group's history as if sent, as POST /__mock/groups/messages does: the
   * MsgSeq each took; throws a ControlRequestError naming a missing group or a bad sender.
   */
  seedGroupMessages(sdkappid: number, groupId: string, messages: GroupMessageSeed[]): number[];
  /** Friend lists and black lists per app, as GET /__mock/friends lists them. */
  relationships(sdkappid?: number): FriendsSnapshot[];
  /** Replaces one app's friend lists and black lists, as POST /__mock/friends does. */
  seedRelationships(relations: FriendsSnapshot): void;
  /**
   * The client side, as POST /__mock/clients/* plays it: log in or out on a platform (State.StateChange),
   * send a one-to-one message (C2C callbacks, stored and counted unread when sent) or a group message
   * (Group.CallbackBeforeSendMsg / AfterSendMsg, kept in the group's history when sent). Throws a
   * ClientActionError naming a bad field, an UnknownAppError for an undeclared app.
   */
  clients: {
    login(spec: ClientSpec): void;
    logout(spec: ClientSpec): void;
    sendmsg(message: ClientMessage): Promise<ClientSendResult>;
    sendGroupMsg(message: ClientGroupMessage): Promise<ClientGroupSendResult>;
  };
  /** The callbacks sent, oldest first, as GET /__mock/callbacks lists them (never the token or Sign). */
  callbacks(filter?: { command?: string; after?: number; limit?: number }): CallbackRecord[];
  /** The next callback of `command` (any when undefined) once answered or failed; undefined after timeoutMs (30 s). */
  nextCallback(command?: string, options?: { timeoutMs?: number }): Promise<CallbackRecord | undefined>;
  /** Sends any callback command with a payload filled from the model, as POST /__mock/callbacks/trigger does. */
  triggerCallback(sdkappid: number, command: string, payload?: Record<string, unknown>): Promise<CallbackRecord>;
}

/** A running emulator, as `startMockServer` gives it to a test suite. */
export interface MockServer extends MockControls {
  app: MockFastifyInstance;
  url: string;
  port: number;
  /** The HTTPS listener's URL and port, when `httpsPort` was given. */
  httpsUrl: string | undefined;
  httpsPort: number | undefined;
  /**
   * Answers this process's requests to the vendor's hostnames (and TIM_TLS_HOSTS) in-process,
   * whatever client sends them; resolves with the function that undoes it (close() does too).
   */
  intercept(): Promise<() => void>;
  /** Stops listening and interception; resolves when both ports are closed. */
  close(): Promise<void>;
}

/** The listing schema is the one allow-list of account fields (the password hash is not on it). */
const VIEW_FIELDS = Object.keys(AccountView.properties) as Array<keyof AccountView>;

/**
 * An account as GET /__mock/accounts shows it; its fields are plain values, so the copy is
 * detached. Picked here rather than with TypeBox's Value.Clean: importing @sinclair/typebox/value
 * would lengthen every process start.
 */
const viewOf = (account: Account): AccountView =>
  Object.fromEntries(
    VIEW_FIELDS.filter((field) => field in account).map((field) => [field, account[field]]),
  ) as AccountView;

/** The control plane of an app made by `buildApp`, without going through HTTP. */
export function mockControls(app: FastifyInstance): MockControls {
  const { store, faults, journal, clock, groups, friends, stubs, callbacks } = app.mock;
  const clients = new Clients(app.mock);
  return {
    reset: () => resetMock(app.mock),
    apps: () => listApps(app.mock),
    setApp: (sdkappid, patch) => changeApp(app.mock, sdkappid, patch),
    accounts: (sdkappid) => store.list(sdkappid).map(viewOf),
    requests: (filter) => journal.list(filter),
    addFault: (spec) => faults.arm(parseFaultSpec(spec, faults.servedPaths)).id,
    faults: () => faults.list(),
    removeFault: (id) => faults.remove(id),
    stub: (spec) => stubs.add(spec),
    stubs: () => stubs.list(),
    removeStub: (id) => stubs.remove(id),
    clock,
    messages: (filter = {}) => listMessages(app.mock, filter),
    profiles: (sdkappid) => app.mock.profiles.snapshot(sdkappid),
    online: (sdkappid) => app.mock.online.snapshot(sdkappid),
    setOnline: (change) => setOnline(app.mock, change),
    groups: (sdkappid) => groups.list(sdkappid).map((e) => ({ sdkappid: e.sdkappid, group: recordOf(e.group) })),
    seedGroups: (sdkappid, records) => seedGroups(groups, sdkappid, records),
    seedGroupMessages: (sdkappid, groupId, messages) => seedGroupMessages(app.mock, sdkappid, groupId, messages),
    relationships: (sdkappid) => friends.snapshot().filter((a) => sdkappid === undefined || a.sdkappid === sdkappid),
    seedRelationships: (relations) => friends.replaceApp(relations),
    clients: {
      login: (spec) => clients.login(spec),
      logout: (spec) => clients.logout(spec),
      sendmsg: (message) => clients.sendmsg(message),
      sendGroupMsg: (message) => clients.sendGroupMsg(message),
    },
    callbacks: (filter = {}) => callbacks.journal.page({ limit: Number.MAX_SAFE_INTEGER, ...filter }).callbacks,
    nextCallback: (command, options = {}) => callbacks.journal.next(command, options.timeoutMs ?? 30_000),
    triggerCallback: (sdkappid, command, payload) => clients.trigger(sdkappid, command, payload),
  };
}

/**
 * Builds the emulator and listens; port 0 (the in-process default) picks a free port. With
 * `httpsPort` it serves HTTPS too; with `intercept` it answers this process's requests to the
 * vendor's hostnames.
 */
export async function startMockServer(options: Partial<MockOptions> = {}): Promise<MockServer> {
  const app = buildApp({ port: 0, ...options });
  const { host, port, httpsPort, intercept } = app.mock.options;
  const { reach } = app.mock;
  await app.listen({ host, port });
  const actual = (app.server.address() as AddressInfo).port;
  let secure: number | undefined;
  try {
    if (httpsPort !== undefined) secure = await reach.listenHttps(host, httpsPort);
    if (intercept) await reach.intercept();
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    ...mockControls(app),
    app,
    url: `http://${reachableHost(host)}:${actual}`,
    port: actual,
    httpsUrl: secure === undefined ? undefined : `https://${reachableHost(host)}:${secure}`,
    httpsPort: secure,
    intercept: () => reach.intercept(),
    close: () => app.close(),
  };
}
