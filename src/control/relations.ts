import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordOf, type Group, type GroupRecord, type GroupStore } from '../model/groups.js';
import { BlockRecordSchema, FriendRecordSchema, GroupRecordSchema } from '../services/state-file/sections.js';
import { groupRecordsProblem, historyProblem } from '../model/group-records.js';
import type { GroupMessageSeed } from '../model/group-messages.js';
import { GroupMessageSeedSchema } from '../services/state-file/kept-sections.js';
import type { MockServices } from '../services/mock-services.js';
import { seedTarget } from '../services/fixtures/load.js';
import { ControlRequestError } from '../shared/mock-errors.js';
import { clip } from '../shared/clip.js';
import { controlErrors, SdkAppId } from './schemas.js';

/** Replaces one app's groups after checking them (400 naming the first problem). */
export function seedGroups(groups: GroupStore, sdkappid: number, records: readonly GroupRecord[]): void {
  const problem = groupRecordsProblem(records);
  if (problem !== undefined) throw new ControlRequestError(problem);
  groups.replaceApp(sdkappid, records);
}

/**
 * Stores `seeds` in one group's history as if sent, in order, after checking the group (one that
 * keeps history) and every sender (an account of the app, or its admin): their MsgSeqs, or a
 * 400 naming the first problem with nothing stored.
 */
export function seedGroupMessages(
  services: MockServices,
  sdkappid: number,
  groupId: string,
  seeds: readonly GroupMessageSeed[],
): number[] {
  const { groups, store } = services;
  const group = groups.get(sdkappid, groupId);
  const problem = historyProblem(clip(groupId), group?.type);
  if (problem !== undefined) throw new ControlRequestError(`groupId: ${problem}`);
  const admin = seedTarget(services).admin(sdkappid);
  seeds.forEach(({ from }, i) => {
    if (from !== admin && store.get(sdkappid, from)?.identifier !== from) {
      throw new ControlRequestError(`messages[${i}].from: '${clip(from)}' is not an account of app ${sdkappid}`);
    }
  });
  return groups.seedMessages(group as Group, seeds).map((m) => m.seq);
}

const AppQuery = Type.Object({ sdkappid: Type.Optional(SdkAppId) }, { additionalProperties: false });
const GroupsOfApp = Type.Object(
  { sdkappid: SdkAppId, groups: Type.Array(GroupRecordSchema) },
  { additionalProperties: false },
);
const GroupList = Type.Object({ groups: Type.Array(Type.Object({ sdkappid: SdkAppId, group: GroupRecordSchema })) });
const RelationsOfApp = Type.Object(
  { sdkappid: SdkAppId, friends: Type.Array(FriendRecordSchema), blocked: Type.Array(BlockRecordSchema) },
  { additionalProperties: false },
);
const Done = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false });
const GroupMessagesSeed = Type.Object(
  {
    sdkappid: SdkAppId,
    groupId: Type.String({ minLength: 1 }),
    messages: Type.Array(GroupMessageSeedSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
const Seeded = Type.Object({ msgSeqs: Type.Array(Type.Integer(), { description: 'the MsgSeq each message took, in order' }) });

/** /__mock/groups and /__mock/friends: read, seed (replacing one app's) and clear groups and relationships. */
export const relationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { groups, friends } = app.mock;
  const tags = ['control'];

  app.get(
    '/groups',
    {
      schema: {
        tags,
        summary: "Groups with their members: one app's with ?sdkappid=N, else every app's",
        querystring: AppQuery,
        response: { 200: GroupList, ...controlErrors },
      },
    },
    async (request) => ({
      groups: groups.list(request.query.sdkappid).map(({ sdkappid, group }) => ({ sdkappid, group: recordOf(group) })),
    }),
  );

  app.post(
    '/groups',
    {
      schema: {
        tags,
        summary: "Replace one app's groups with these (members, roles, times as given)",
        body: GroupsOfApp,
        response: { 200: Done, ...controlErrors },
      },
    },
    async (request) => {
      seedGroups(groups, request.body.sdkappid, request.body.groups as GroupRecord[]);
      return { ok: true as const };
    },
  );

  app.post(
    '/groups/messages',
    {
      schema: {
        tags,
        summary: "Add messages to one group's history as if sent, in order (read back by group_msg_get_simple)",
        body: GroupMessagesSeed,
        response: { 200: Seeded, ...controlErrors },
      },
    },
    async (request) => {
      const { sdkappid, groupId, messages } = request.body;
      return { msgSeqs: seedGroupMessages(app.mock, sdkappid, groupId, messages as GroupMessageSeed[]) };
    },
  );

  app.delete(
    '/groups',
    {
      schema: {
        tags,
        summary: "Remove one app's groups (?sdkappid=N) or every app's",
        querystring: AppQuery,
        response: { 200: Done, ...controlErrors },
      },
    },
    async (request) => {
      groups.clear(request.query.sdkappid);
      return { ok: true as const };
    },
  );

  app.get(
    '/friends',
    {
      schema: {
        tags,
        summary: "Friend lists and black lists, one app's with ?sdkappid=N, else every app's",
        querystring: AppQuery,
        response: { 200: Type.Object({ apps: Type.Array(RelationsOfApp) }), ...controlErrors },
      },
    },
    async (request) => {
      const { sdkappid } = request.query;
      return { apps: friends.snapshot().filter((a) => sdkappid === undefined || a.sdkappid === sdkappid) };
    },
  );

  app.post(
    '/friends',
    {
      schema: {
        tags,
        summary: "Replace one app's friend lists and black lists with these",
        body: RelationsOfApp,
        response: { 200: Done, ...controlErrors },
      },
    },
    async (request) => {
      friends.replaceApp(request.body);
      return { ok: true as const };
    },
  );

  app.delete(
    '/friends',
    {
      schema: {
        tags,
        summary: "Remove one app's relationships (?sdkappid=N) or every app's",
        querystring: AppQuery,
        response: { 200: Done, ...controlErrors },
      },
    },
    async (request) => {
      friends.clear(request.query.sdkappid);
      return { ok: true as const };
    },
  );
};
