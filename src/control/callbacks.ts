import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PLATFORMS } from '../model/online.js';
import { CALLBACK_COMMANDS } from '../model/callback-settings.js';
import { Clients } from '../services/callbacks/clients.js';
import { CALLBACK_WAIT_MAX_MS, CALLBACKS_PAGE_DEFAULT, CALLBACKS_PAGE_MAX } from '../services/callbacks/journal.js';
import { controlErrors, ControlError, SdkAppId } from './schemas.js';

const Record_ = Type.Object(
  {
    id: Type.Integer(),
    time: Type.String({ description: "ISO 8601, by the emulator's clock" }),
    sdkappid: Type.Integer(),
    command: Type.String(),
    url: Type.String({ description: 'the URL called, without Sign and RequestTime' }),
    payload: Type.Record(Type.String(), Type.Unknown(), { description: 'the body sent' }),
    status: Type.Union([Type.Integer(), Type.Null()], { description: "the backend's HTTP status; null when none came" }),
    reply: Type.String({ description: "the backend's reply, clipped" }),
    durationMs: Type.Number(),
    error: Type.Union([Type.String(), Type.Null()], { description: 'why it failed; null when answered' }),
  },
  { additionalProperties: false },
);

const Platform = Type.Union(PLATFORMS.map((p) => Type.Literal(p)));
const ClientSpec = Type.Object(
  { sdkappid: SdkAppId, account: Type.String({ minLength: 1 }), platform: Platform },
  { additionalProperties: false },
);
const Command = Type.Union(CALLBACK_COMMANDS.map((c) => Type.Literal(c)));

/** /__mock/callbacks and /__mock/clients: the callbacks sent, and the client side a test plays (issue 28). */
export const callbacksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { callbacks } = app.mock;
  const clients = new Clients(app.mock);
  const tags = ['control'];

  app.get('/callbacks', {
    schema: {
      tags,
      summary: 'The callbacks sent to the apps\' backends, oldest first, a page at a time (never the token or the Sign)',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, description: `default ${CALLBACKS_PAGE_DEFAULT}; at most ${CALLBACKS_PAGE_MAX}` })),
        after: Type.Optional(Type.Integer({ minimum: 0, description: 'only callbacks with a larger id (pass `next`)' })),
        command: Type.Optional(Type.String()),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ callbacks: Type.Array(Record_), next: Type.Union([Type.Integer(), Type.Null()]) }),
        ...controlErrors,
      },
    },
  }, async (request) => callbacks.journal.page(request.query));

  app.delete('/callbacks', {
    schema: { tags, summary: 'Empty the journal of callbacks', response: { 200: Type.Object({ removed: Type.Integer() }), ...controlErrors } },
  }, async () => {
    const removed = callbacks.journal.size;
    callbacks.journal.clear();
    return { removed };
  });

  app.get('/callbacks/next', {
    schema: {
      tags,
      summary: 'Wait for the next callback (of `command`, when given) to be answered or to fail; null after timeoutMs',
      querystring: Type.Object({
        command: Type.Optional(Type.String()),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 0, description: `default and most: ${CALLBACK_WAIT_MAX_MS}` })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ callback: Type.Union([Record_, Type.Null()]) }), ...controlErrors },
    },
  }, async (request) => {
    const { command, timeoutMs = CALLBACK_WAIT_MAX_MS } = request.query;
    return { callback: (await callbacks.journal.next(command, timeoutMs)) ?? null };
  });

  app.post('/callbacks/trigger', {
    schema: {
      tags,
      summary: 'Send any callback command the emulator knows, its payload filled from the model and overridden by `payload`',
      body: Type.Object(
        { sdkappid: SdkAppId, command: Command, payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
        { additionalProperties: false },
      ),
      response: { 200: Record_, 404: ControlError, ...controlErrors },
    },
  }, async (request) => clients.trigger(request.body.sdkappid, request.body.command, request.body.payload));

  const OnlineView = Type.Object({ ...ClientSpec.properties, status: Type.String() }, { additionalProperties: false });
  app.post('/clients/login', {
    schema: { tags, summary: 'Log an account in on a platform as a client would: Online, and State.StateChange (Login)', body: ClientSpec, response: { 200: OnlineView, 404: ControlError, ...controlErrors } },
  }, async (request) => {
    clients.login(request.body);
    return { ...request.body, status: 'Online' };
  });
  app.post('/clients/logout', {
    schema: { tags, summary: 'Log an account out of a platform as a client would: State.StateChange (Logout)', body: ClientSpec, response: { 200: OnlineView, 404: ControlError, ...controlErrors } },
  }, async (request) => {
    clients.logout(request.body);
    return { ...request.body, status: 'Offline' };
  });
  app.post('/clients/sendmsg', {
    schema: {
      tags,
      summary: 'Send a one-to-one message as a client would: before/after callbacks, stored and counted unread when sent',
      body: Type.Object({
        ...ClientSpec.properties,
        to: Type.String({ minLength: 1 }),
        MsgBody: Type.Array(Type.Unknown()),
        MsgRandom: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
        CloudCustomData: Type.Optional(Type.String()),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          result: Type.Union([Type.Literal('sent'), Type.Literal('refused'), Type.Literal('silenced')], { description: 'refused: the backend answered ErrorCode 1 (the client gets 20006)' }),
          MsgKey: Type.Optional(Type.String()),
          MsgTime: Type.Optional(Type.Integer()),
        }, { additionalProperties: false }),
        404: ControlError,
        ...controlErrors,
      },
    },
  }, async (request) => clients.sendmsg(request.body));
  app.post('/clients/send_group_msg', {
    schema: {
      tags,
      summary: 'Send a group message as a member\'s client would: Group before/after callbacks, kept when sent',
      body: Type.Object({
        ...ClientSpec.properties,
        groupId: Type.String({ minLength: 1 }),
        MsgBody: Type.Array(Type.Unknown()),
        Random: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
        CloudCustomData: Type.Optional(Type.String()),
        OnlineOnlyFlag: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          result: Type.Union([Type.Literal('sent'), Type.Literal('refused'), Type.Literal('silenced')], { description: 'refused: the backend answered ErrorCode 1 (the client gets 10016)' }),
          MsgSeq: Type.Optional(Type.Integer()),
          MsgTime: Type.Optional(Type.Integer()),
        }, { additionalProperties: false }),
        404: ControlError,
        ...controlErrors,
      },
    },
  }, async (request) => clients.sendGroupMsg(request.body));
};
