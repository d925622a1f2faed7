import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Message } from '../model/messages.js';
import { isPlatform, PLATFORMS } from '../model/online.js';
import type { MockServices } from '../services/mock-services.js';
import { clip } from '../shared/clip.js';
import { controlErrors, ControlError, SdkAppId, sendControlError } from './schemas.js';

// Issue 26's state in the control plane: one-to-one messages, profile fields and online state.

/** A stored message as the control plane shows it. */
export const MessageView = Type.Object(
  {
    sdkappid: SdkAppId,
    from: Type.String(),
    to: Type.String(),
    seq: Type.Integer(),
    random: Type.Integer(),
    time: Type.Integer({ description: 'unix seconds' }),
    key: Type.String({ description: 'the MsgKey' }),
    body: Type.Array(Type.Unknown(), { description: 'the MsgBody elements' }),
    cloudCustomData: Type.Optional(Type.String()),
    withdrawn: Type.Boolean(),
    countsUnread: Type.Boolean({ description: "false for importmsg's history (SyncFromOldSystem 2)" }),
  },
  { additionalProperties: false },
);
export type MessageView = Static<typeof MessageView>;

export const messageView = (m: Message): MessageView => ({
  sdkappid: m.sdkappid,
  from: m.from,
  to: m.to,
  seq: m.seq,
  random: m.random,
  time: m.time,
  key: m.key,
  body: m.body,
  ...(m.cloudCustomData !== undefined && { cloudCustomData: m.cloudCustomData }),
  withdrawn: m.withdrawn,
  countsUnread: m.countsUnread,
});

export const MESSAGES_PAGE_DEFAULT = 100;
export const MESSAGES_PAGE_MAX = 10_000;

export const MessageFilter = Type.Object(
  {
    sdkappid: Type.Optional(SdkAppId),
    from: Type.Optional(Type.String({ description: 'with `to`: the conversation of the two, both directions; alone: messages it sent or received' })),
    to: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MESSAGES_PAGE_MAX, description: `the newest this many (default ${MESSAGES_PAGE_DEFAULT})` })),
  },
  { additionalProperties: false },
);
export type MessageFilter = Static<typeof MessageFilter>;

/** The newest `limit` matching messages, oldest first. */
export function listMessages({ messages }: Pick<MockServices, 'messages'>, filter: MessageFilter): MessageView[] {
  const all = messages.list(filter);
  return all.slice(-(filter.limit ?? MESSAGES_PAGE_DEFAULT)).map(messageView);
}

export const OnlineChange = Type.Object(
  {
    sdkappid: SdkAppId,
    identifier: Type.String({ minLength: 1, description: 'an imported account' }),
    platform: Type.Union(PLATFORMS.map((p) => Type.Literal(p))),
    status: Type.Union([Type.Literal('Online'), Type.Literal('PushOnline'), Type.Literal('Offline')]),
  },
  { additionalProperties: false },
);
export type OnlineChange = Static<typeof OnlineChange>;

/** Sets an account's state on a platform, as a client login would; false when no such account. */
export function setOnline({ store, online }: Pick<MockServices, 'store' | 'online'>, change: OnlineChange): boolean {
  const account = store.get(change.sdkappid, change.identifier);
  if (account === undefined || !isPlatform(change.platform)) return false;
  online.set(change.sdkappid, account.identifier, change.platform, change.status);
  return true;
}

const OnlineView = Type.Object(
  {
    sdkappid: SdkAppId,
    identifier: Type.String(),
    platforms: Type.Record(Type.String(), Type.String(), { description: 'platform: Online or PushOnline' }),
  },
  { additionalProperties: false },
);
const ProfileView = Type.Object(
  {
    sdkappid: SdkAppId,
    identifier: Type.String(),
    tags: Type.Record(Type.String(), Type.Unknown(), { description: 'fields set by portrait_set (Nick and Image are the account\'s nick and faceUrl)' }),
  },
  { additionalProperties: false },
);
const listOf = (field: string, item: Parameters<typeof Type.Array>[0]) =>
  Type.Object({ [field]: Type.Array(item) }, { additionalProperties: false });
const AppQuery = Type.Object({ sdkappid: Type.Optional(SdkAppId) }, { additionalProperties: false });

/** /__mock/messages, /__mock/profiles and /__mock/online. */
export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.mock;
  const tags = ['control'];

  app.get('/messages', {
    schema: {
      tags,
      summary: 'Stored one-to-one messages, oldest first: the newest `limit` matching ones',
      querystring: MessageFilter,
      response: { 200: listOf('messages', MessageView), ...controlErrors },
    },
  }, async (request) => ({ messages: listMessages(services, request.query) }));

  app.delete('/messages', {
    schema: {
      tags,
      summary: "Remove one app's messages, or every app's",
      querystring: AppQuery,
      response: { 200: Type.Object({ removed: Type.Integer() }, { additionalProperties: false }), ...controlErrors },
    },
  }, async (request) => {
    const removed = services.messages.list({ sdkappid: request.query.sdkappid }).length;
    services.messages.clear(request.query.sdkappid);
    return { removed };
  });

  app.get('/profiles', {
    schema: {
      tags,
      summary: 'Profile fields set by portrait_set, per account',
      querystring: AppQuery,
      response: { 200: listOf('profiles', ProfileView), ...controlErrors },
    },
  }, async (request) => ({ profiles: services.profiles.snapshot(request.query.sdkappid) }));

  app.get('/online', {
    schema: {
      tags,
      summary: 'Accounts logged in on some platform (every other account is Offline)',
      querystring: AppQuery,
      response: { 200: listOf('online', OnlineView), ...controlErrors },
    },
  }, async (request) => ({ online: services.online.snapshot(request.query.sdkappid) }));

  app.put('/online', {
    schema: {
      tags,
      summary: "Set an imported account's state on a platform, as a client login (or logout) would",
      body: OnlineChange,
      response: { 200: OnlineChange, 404: ControlError, ...controlErrors },
    },
  }, async (request, reply) => {
    const { sdkappid, identifier } = request.body;
    if (!setOnline(services, request.body)) return sendControlError(reply, 404, `no account ${JSON.stringify(clip(identifier))} in app ${sdkappid}`);
    return request.body;
  });
};
