import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseSeedDocument, SeedError } from '../fixtures/seed.js';
import { SeedDocument } from '../fixtures/schema.js';
import { AccountList, AccountView, controlErrors, ControlError, SdkAppId, sendControlError } from './schemas.js';

const AppQuery = Type.Object({ sdkappid: Type.Optional(SdkAppId) }, { additionalProperties: false });
const AccountParams = Type.Object(
  { sdkappid: SdkAppId, identifier: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
const Deleted = Type.Object({ deleted: Type.Integer({ description: 'how many accounts were removed' }) }, { additionalProperties: false });

/** /__mock/accounts: list, look up, seed and delete the emulator's accounts. */
export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, clock, apps, limiter } = app.mock;
  const tags = ['control'];

  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: "List accounts: one app's with ?sdkappid=N, else every app's. Never shows a password or its hash.",
        querystring: AppQuery,
        response: { 200: AccountList, ...controlErrors },
      },
    },
    async (request) => ({ accounts: store.list(request.query.sdkappid) }),
  );

  app.get(
    '/accounts/:sdkappid/:identifier',
    {
      schema: {
        tags,
        summary: 'One account; a hosted string account is found in any letter case, as the vendor ignores its case',
        params: AccountParams,
        response: { 200: AccountView, 404: ControlError, ...controlErrors },
      },
    },
    async (request, reply) => {
      const { sdkappid, identifier } = request.params;
      const account = store.get(sdkappid, identifier);
      return account ?? sendControlError(reply, 404, `no account '${identifier}' in app ${sdkappid}`);
    },
  );

  app.post(
    '/accounts',
    {
      schema: {
        tags,
        summary: 'Seed accounts (all or none); an account that exists is replaced. Answers the stored accounts.',
        description:
          'The body has the fixture file format (fixtures/accounts.schema.json). Each account must be one its vendor command ' +
          '(register_account_v1 or account_import) would accept; the first that is not refuses the whole request with a 400 ' +
          'naming it (`accounts[i]`) and why.',
        body: SeedDocument,
        response: { 200: AccountList, ...controlErrors },
      },
      // One checker for fixture files and this body: each entry is checked against its kind's
      // schema (a union's error would not say which field of which kind is wrong), then against
      // the store, with messages naming the entry.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      let accounts;
      try {
        accounts = parseSeedDocument(request.body, { clock, apps, store });
      } catch (error) {
        if (error instanceof SeedError) return sendControlError(reply, 400, error.message);
        throw error;
      }
      for (const account of accounts) store.put(account);
      return { accounts };
    },
  );

  app.delete(
    '/accounts',
    {
      schema: {
        tags,
        summary: "Delete one app's accounts (?sdkappid=N), or every app's; without sdkappid the rate limits start full again too",
        description: 'Deleted accounts are forgotten entirely: no re-import cooldown (70399) applies to them.',
        querystring: AppQuery,
        response: { 200: Deleted, ...controlErrors },
      },
    },
    async (request) => {
      const { sdkappid } = request.query;
      const deleted = store.count(sdkappid);
      store.clear(sdkappid);
      if (sdkappid === undefined) limiter.clear();
      return { deleted };
    },
  );
};
