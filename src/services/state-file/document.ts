import { Type, type Static } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';
import { describeValueError } from '../../shared/schema-errors.js';
import { isRecord } from '../../shared/is-record.js';
import type { Account } from '../../model/accounts/account.js';
import { AccountKindSchema, IdentifierTypeSchema, ProfileTypeSchema, UINT32_MAX } from '../../model/accounts/account-schema.js';
import type { AccountStore, Deletion } from '../../model/accounts/store.js';
import { AccountIndex } from '../../model/accounts/account-index.js';
import { accountProblem, MAX_UNIX_SECONDS, STORED_TIME, type KnownApps } from '../fixtures/stored-account.js';
import { PlanSettingsSchema, type PlanSettings } from '../../model/plans.js';
import { StateError } from '../../shared/mock-errors.js';
import type { ProfileEntry, ProfileStore } from '../../model/profiles.js';
import type { OnlineEntry, OnlineStore } from '../../model/online.js';
import type { Message, MessageStore, ReadTime } from '../../model/messages.js';
import type { GroupRecord, GroupStore } from '../../model/groups.js';
import type { FriendGroupRecord, FriendsSnapshot, FriendStore, RequestRecord } from '../../model/friends.js';
import type { GroupMessageRecord } from '../../model/group-messages.js';
import { groupMessagesProblem, groupRecordsProblem } from '../../model/group-records.js';
import type { StoredCallbacks } from '../../model/apps.js';
import { checkCallbackFields } from '../../model/callback-settings.js';
import {
  BlockRecordSchema, CallbackStateSchema, FriendRecordSchema, GroupRecordSchema, MessageRecordSchema,
  type CallbackState,
} from './sections.js';
import {
  FriendGroupRecordSchema, FriendRequestRecordSchema, GroupMessageRecordSchema, StateSections, type StateSectionName,
} from './kept-sections.js';

export const STATE_FORMAT = 'tim-account-mock/state';
export const STATE_VERSION = 1;

const ISO_TIME = STORED_TIME.source;

/** An account as the state document holds it: a hosted one with its password hash, never a clear password. */
export const StateAccount = Type.Object(
  {
    identifier: Type.String({ minLength: 1 }),
    kind: AccountKindSchema(),
    identifierType: Type.Optional(IdentifierTypeSchema()),
    passwordHash: Type.Optional(Type.String({ description: 'sha256$salt$digest' })),
    nick: Type.Optional(Type.String()),
    faceUrl: Type.Optional(Type.String()),
    type: Type.Optional(ProfileTypeSchema({})),
    createdAt: Type.String({ pattern: ISO_TIME }),
    updatedAt: Type.String({ pattern: ISO_TIME }),
  },
  { additionalProperties: false },
);

/** A deleted identifier and when (unix seconds), so the re-import cooldown survives a restart. */
export const StateDeletion = Type.Object(
  { identifier: Type.String({ minLength: 1 }), deletedAt: Type.Integer({ minimum: 0, maximum: MAX_UNIX_SECONDS }) },
  { additionalProperties: false },
);

export const StateApp = Type.Object(
  {
    sdkappid: Type.Integer({ minimum: 1, maximum: UINT32_MAX }),
    accounts: Type.Array(StateAccount),
    deleted: Type.Optional(Type.Array(StateDeletion)),
    settings: Type.Optional(
      Type.Object(PlanSettingsSchema.properties, {
        additionalProperties: false,
        description: 'plan settings changed while running (PUT /__mock/apps); absent: the ones the app started with',
      }),
    ),
    callbacks: Type.Optional(
      Type.Object(CallbackStateSchema.properties, {
        additionalProperties: false,
        description: 'callback settings changed while running, never the token; absent: the ones the app started with',
      }),
    ),
    ...StateSections,
  },
  { additionalProperties: false },
);

/** Every app's accounts as one JSON document: what GET /__mock/state answers and the state file holds. */
export const StateDocument = Type.Object(
  {
    format: Type.Literal(STATE_FORMAT),
    version: Type.Literal(STATE_VERSION),
    apps: Type.Array(StateApp),
  },
  { additionalProperties: false, title: 'StateDocument' },
);

export type StateDocument = Static<typeof StateDocument>;
type StateAccount = Static<typeof StateAccount>;

/** The fields the document carries, picked one by one so nothing else leaks into a file. */
export function stateAccount(account: Account): StateAccount {
  const { identifier, kind, identifierType, passwordHash, nick, faceUrl, type, createdAt, updatedAt } = account;
  const picked: StateAccount = { identifier, kind, createdAt, updatedAt };
  if (identifierType !== undefined) picked.identifierType = identifierType;
  if (passwordHash !== undefined) picked.passwordHash = passwordHash;
  if (nick !== undefined) picked.nick = nick;
  if (faceUrl !== undefined) picked.faceUrl = faceUrl;
  if (type !== undefined) picked.type = type;
  return picked;
}

/** What a state document needs of the app registry: the plan and callback settings changed while running. */
export interface PlanSettingsRegistry {
  changedPlanSettings(): Array<{ sdkappid: number; settings: PlanSettings }>;
  replacePlanSettings(entries: ReadonlyArray<{ sdkappid: number; settings: PlanSettings }>): void;
  changedCallbackSettings(): Array<{ sdkappid: number; callbacks: StoredCallbacks }>;
  replaceCallbackSettings(entries: ReadonlyArray<{ sdkappid: number; callbacks: StoredCallbacks }>): void;
}

/** The models whose state the document carries besides the accounts, and the plan settings. */
export interface StateSources {
  apps: PlanSettingsRegistry;
  profiles: ProfileStore;
  online: OnlineStore;
  messages: MessageStore;
  groups: GroupStore;
  friends: FriendStore;
}

/** One non-empty section of an app besides its accounts: the model's items, picked when written. */
export interface Section {
  name: StateSectionName;
  items: readonly unknown[];
  pick: (item: unknown) => unknown;
}

/** One app of the document, holding the store's accounts themselves (picked when written). */
export interface AppSnapshot {
  sdkappid: number;
  accounts: Account[];
  deleted: Static<typeof StateDeletion>[];
  settings?: PlanSettings;
  callbacks?: StoredCallbacks;
  sections: Section[];
}

/** Copies the fields a schema names, so a field a model gains later never makes a file that fails to load. */
const pickKeys = (keys: readonly string[]) => (value: object): Record<string, unknown> => {
  const fields = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
};
const pickMember = pickKeys(Object.keys(GroupRecordSchema.properties.members.items.properties));
const pickGroupFields = pickKeys(Object.keys(GroupRecordSchema.properties));
const pickGroup = (group: GroupRecord): unknown => ({
  ...pickGroupFields(group),
  members: group.members.map(pickMember),
});
const pickFriend = pickKeys(Object.keys(FriendRecordSchema.properties));
const pickBlock = pickKeys(Object.keys(BlockRecordSchema.properties));
const pickMessage = pickKeys(Object.keys(MessageRecordSchema.properties));
const pickGroupMessage = pickKeys(Object.keys(GroupMessageRecordSchema.properties));
const pickFriendGroup = pickKeys(Object.keys(FriendGroupRecordSchema.properties));
const pickRequest = pickKeys(Object.keys(FriendRequestRecordSchema.properties));

/** The models' state of every app, as sections keyed by app; empty sections are left out. */
function modelSections(sources: StateSources): Map<number, Section[]> {
  const byApp = new Map<number, Map<StateSectionName, Section>>();
  const add = <T>(sdkappid: number, name: StateSectionName, item: T, pick: (item: T) => unknown): void => {
    let app = byApp.get(sdkappid);
    if (app === undefined) byApp.set(sdkappid, (app = new Map()));
    let section = app.get(name);
    if (section === undefined) app.set(name, (section = { name, items: [], pick: pick as (item: unknown) => unknown }));
    (section.items as T[]).push(item);
  };
  for (const p of sources.profiles.snapshot()) add(p.sdkappid, 'profiles', p, ({ identifier, tags }) => ({ identifier, tags }));
  for (const o of sources.online.snapshot()) add(o.sdkappid, 'online', o, ({ identifier, platforms }) => ({ identifier, platforms }));
  for (const m of sources.messages.snapshot()) add(m.sdkappid, 'messages', m, pickMessage);
  for (const r of sources.messages.reads()) add(r.sdkappid, 'reads', r, ({ reader, peer, time }) => ({ reader, peer, time }));
  for (const { sdkappid, groups } of sources.groups.snapshot()) for (const g of groups) add(sdkappid, 'groups', g, pickGroup);
  for (const { sdkappid, friends, blocked } of sources.friends.snapshot()) {
    for (const f of friends) add(sdkappid, 'friends', f, pickFriend);
    for (const b of blocked) add(sdkappid, 'blocked', b, pickBlock);
  }
  for (const { sdkappid, messages } of sources.groups.messageRecords()) for (const m of messages) add(sdkappid, 'groupMessages', m, pickGroupMessage);
  for (const { sdkappid, records } of sources.friends.friendGroupRecords()) for (const r of records) add(sdkappid, 'friendGroups', r, pickFriendGroup);
  for (const { sdkappid, records } of sources.friends.requestRecords()) for (const r of records) add(sdkappid, 'friendRequests', r, pickRequest);
  const order = Object.keys(StateSections) as StateSectionName[];
  return new Map([...byApp].map(([sdkappid, sections]) => [
    sdkappid,
    order.flatMap((name) => sections.get(name) ?? []),
  ]));
}

/**
 * The store's apps as a document lists them, taken at once: apps in first-use order, accounts
 * in insertion order. The store forgets a deletion once its identifier names an account again,
 * so every deletion goes in and the document imports again. An app whose plan settings changed
 * while running carries them; settings an app started with stay with the configuration, so a
 * changed config file is not overridden by an old state file.
 */
export function snapshotApps(store: AccountStore, sources: StateSources): AppSnapshot[] {
  const apps = new Map<number, AppSnapshot>();
  const appOf = (sdkappid: number): AppSnapshot => {
    let app = apps.get(sdkappid);
    if (app === undefined) {
      app = { sdkappid, accounts: [], deleted: [], sections: [] };
      apps.set(sdkappid, app);
    }
    return app;
  };
  // An app's accounts copied at once from its index: faster than regrouping the store's whole list.
  for (const sdkappid of store.sdkappids()) {
    const accounts = store.list(sdkappid);
    if (accounts.length > 0) appOf(sdkappid).accounts = accounts;
  }
  for (const { sdkappid, identifier, deletedAt } of store.deletions()) {
    appOf(sdkappid).deleted.push({ identifier, deletedAt });
  }
  for (const { sdkappid, settings } of sources.apps.changedPlanSettings()) appOf(sdkappid).settings = settings;
  for (const { sdkappid, callbacks } of sources.apps.changedCallbackSettings()) appOf(sdkappid).callbacks = callbacks;
  for (const [sdkappid, sections] of modelSections(sources)) appOf(sdkappid).sections = sections;
  return [...apps.values()];
}

/** The store and the models as a state document. */
export function exportState(store: AccountStore, sources: StateSources): StateDocument {
  const apps = snapshotApps(store, sources).map(({ sdkappid, accounts, deleted, settings, callbacks, sections }) => ({
    sdkappid,
    accounts: accounts.map(stateAccount),
    deleted,
    ...(settings !== undefined && { settings }),
    // The registry checked the command names when they were set.
    ...(callbacks !== undefined && { callbacks: callbacks as CallbackState }),
    ...Object.fromEntries(sections.map(({ name, items, pick }) => [name, items.map(pick)])),
  }));
  return { format: STATE_FORMAT, version: STATE_VERSION, apps };
}

/** What a checked document puts in the store and the models. */
export interface ParsedState {
  accounts: Account[];
  deletions: Deletion[];
  settings: Array<{ sdkappid: number; settings: PlanSettings }>;
  callbacks: Array<{ sdkappid: number; callbacks: StoredCallbacks }>;
  profiles: ProfileEntry[];
  online: OnlineEntry[];
  messages: Message[];
  reads: ReadTime[];
  groups: Array<{ sdkappid: number; groups: GroupRecord[] }>;
  friends: FriendsSnapshot[];
  /** Per app: its groups' kept messages, its accounts' friend groups and pending friend requests. */
  kept: Array<{
    sdkappid: number;
    groupMessages: GroupMessageRecord[];
    friendGroups: FriendGroupRecord[];
    friendRequests: RequestRecord[];
  }>;
}

/** Replaces the whole state with a checked document (state import and the state file); a section absent is empty. */
export function applyState(store: AccountStore, sources: StateSources, state: ParsedState): void {
  store.replace(state.accounts, state.deletions);
  sources.apps.replacePlanSettings(state.settings);
  sources.apps.replaceCallbackSettings(state.callbacks);
  sources.profiles.restore(state.profiles);
  sources.online.restore(state.online);
  sources.messages.restore(state.messages, state.reads);
  sources.groups.restore(state.groups);
  sources.friends.restore(state.friends);
  for (const { sdkappid, groupMessages, friendGroups, friendRequests } of state.kept) {
    sources.groups.restoreMessages(sdkappid, groupMessages);
    sources.friends.restoreExtras(sdkappid, friendGroups, friendRequests);
  }
}

const emptyState = (): ParsedState => ({
  accounts: [],
  deletions: [],
  settings: [],
  callbacks: [],
  profiles: [],
  online: [],
  messages: [],
  reads: [],
  groups: [],
  friends: [],
  kept: [],
});

/** An app's sections besides its accounts, into `parsed` (the schema has checked their shapes). */
function parseSections(app: StateDocument['apps'][number], at: string, parsed: ParsedState): void {
  const { sdkappid } = app;
  for (const { identifier, tags } of app.profiles ?? []) parsed.profiles.push({ sdkappid, identifier, tags });
  for (const { identifier, platforms } of app.online ?? []) parsed.online.push({ sdkappid, identifier, platforms });
  for (const m of app.messages ?? []) parsed.messages.push({ ...m, sdkappid });
  for (const r of app.reads ?? []) parsed.reads.push({ ...r, sdkappid });
  if (app.groups !== undefined) {
    const groups = app.groups as GroupRecord[];
    const problem = groupRecordsProblem(groups);
    if (problem !== undefined) throw new StateError(`${at}.${problem}`);
    parsed.groups.push({ sdkappid, groups });
  }
  if (app.friends !== undefined || app.blocked !== undefined) {
    parsed.friends.push({ sdkappid, friends: app.friends ?? [], blocked: app.blocked ?? [] });
  }
  const { groupMessages = [], friendGroups = [], friendRequests = [] } = app;
  const problem = groupMessagesProblem((app.groups ?? []) as GroupRecord[], groupMessages);
  if (problem !== undefined) throw new StateError(`${at}.${problem}`);
  if (groupMessages.length + friendGroups.length + friendRequests.length > 0) {
    parsed.kept.push({ sdkappid, groupMessages, friendGroups, friendRequests });
  }
}

/**
 * Checks a whole document before anything is changed, so an import is all-or-nothing: the
 * schema, then the rules seeding applies too (src/services/fixtures/stored-account.ts: the vendor's
 * account rules and real times; src/model/accounts/account-index.ts: one account per key per app, no
 * string account beside one equal to it but for case), deletions only of identifiers that are
 * not accounts, each once, and in declared mode only declared apps.
 */
export function parseState(doc: unknown, apps: KnownApps): ParsedState {
  if (!isRecord(doc)) throw new StateError('the state document must be a JSON object');
  if (doc.format !== STATE_FORMAT) throw new StateError(`format: must be '${STATE_FORMAT}'`);
  if (doc.version !== STATE_VERSION) {
    throw new StateError(`version: ${JSON.stringify(doc.version)} is not supported (this build reads version ${STATE_VERSION})`);
  }
  const error = Errors(StateDocument, doc).First();
  if (error !== undefined) throw new StateError(describeValueError(error, 'the document'));
  const checked = doc as StateDocument;

  const parsed = emptyState();
  const { accounts, deletions, settings } = parsed;
  const seenApps = new Set<number>();
  checked.apps.forEach((app, i) => {
    const { sdkappid } = app;
    if (seenApps.has(sdkappid)) throw new StateError(`apps[${i}].sdkappid: ${sdkappid} appears twice`);
    seenApps.add(sdkappid);
    if (apps.declared && apps.get(sdkappid) === undefined) {
      throw new StateError(`apps[${i}].sdkappid: ${sdkappid} is not a declared app`);
    }
    if (app.settings !== undefined) settings.push({ sdkappid, settings: app.settings });
    if (app.callbacks !== undefined) {
      try {
        checkCallbackFields(app.callbacks, `apps[${i}].callbacks.`);
      } catch (error) {
        throw new StateError((error as Error).message);
      }
      parsed.callbacks.push({ sdkappid, callbacks: app.callbacks });
    }
    const filed = new AccountIndex();
    app.accounts.forEach((stateAccount, j) => {
      const at = `apps[${i}].accounts[${j}]`;
      const account: Account = { ...stateAccount, sdkappid };
      const problem = accountProblem(account);
      if (problem !== undefined) throw new StateError(`${at}${problem.field === undefined ? '' : `.${problem.field}`}: ${problem.reason}`);
      if (filed.sameKey(account) !== undefined) throw new StateError(`${at}.identifier: '${account.identifier}' appears twice in app ${sdkappid}`);
      const other = filed.clash(account);
      if (other !== undefined) {
        throw new StateError(`${at}.identifier: '${account.identifier}' and '${other.identifier}' in app ${sdkappid} are one string account (its case is ignored)`);
      }
      filed.put(account);
      accounts.push(account);
    });
    const deleted = new Set<string>();
    (app.deleted ?? []).forEach(({ identifier, deletedAt }, k) => {
      const at = `apps[${i}].deleted[${k}].identifier`;
      if (deleted.has(identifier)) throw new StateError(`${at}: '${identifier}' appears twice in app ${sdkappid}`);
      deleted.add(identifier);
      const existing = filed.find(identifier);
      if (existing !== undefined) {
        throw new StateError(`${at}: '${identifier}' is the account '${existing.identifier}' of app ${sdkappid}: an account that exists has no deletion`);
      }
      deletions.push({ sdkappid, identifier, deletedAt });
    });
    parseSections(app, `apps[${i}]`, parsed);
  });
  return parsed;
}
