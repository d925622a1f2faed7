import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Account } from '../model/accounts/account.js';
import type { AccountStore } from '../model/accounts/store.js';
import { foldCase } from '../model/accounts/identifier-rules.js';
import { clearAccountState, forgetAccountState } from '../model/account-cascade.js';
import { seedDocument } from '../services/fixtures/seed.js';
import { seedTarget } from '../services/fixtures/load.js';
import { SeedDocument } from '../services/fixtures/schema.js';
import { clip } from '../shared/clip.js';
import { ControlRequestError, NotFoundError } from '../shared/mock-errors.js';
import { AccountList, AccountView, controlErrors, ControlError, SdkAppId } from './schemas.js';

const AppQuery = Type.Object({ sdkappid: Type.Optional(SdkAppId) }, { additionalProperties: false });

/** The most accounts one page may hold. */
export const PAGE_LIMIT_MAX = 1000;

const ListQuery = Type.Object(
  {
    sdkappid: Type.Optional(SdkAppId),
    search: Type.Optional(
      Type.String({ minLength: 1, description: 'only identifiers containing this text anywhere, ignoring ASCII letter case' }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, description: 'page size: the reply then also has `next` and `total`' }),
    ),
    cursor: Type.Optional(
      Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$', description: "the previous page's `next`, to read the page after it (needs limit)" }),
    ),
  },
  { additionalProperties: false },
);
type ListQuery = Static<typeof ListQuery>;

const AccountPage = Type.Object(
  {
    accounts: AccountList.properties.accounts,
    next: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'with limit: the cursor of the next page; null on the last page' })),
    total: Type.Optional(Type.Integer({ description: 'with limit: how many accounts match, on every page' })),
  },
  { additionalProperties: false },
);
const AccountParams = Type.Object(
  { sdkappid: SdkAppId, identifier: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
const Deleted = Type.Object({ deleted: Type.Integer({ description: 'how many accounts were removed' }) }, { additionalProperties: false });

/** The 404 of a route naming an account; the identifier comes from the URL, so it is cut like the journal cuts it. */
const noAccount = (sdkappid: number, identifier: string) => new NotFoundError(`no account '${clip(identifier)}' in app ${sdkappid}`);

/** /__mock/accounts: list, look up, seed and delete the emulator's accounts. */
export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, limiter } = app.mock;
  const tags = ['control'];

  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: "List accounts: one app's with ?sdkappid=N, else every app's. Never shows a password or its hash.",
        description:
          'Accounts come in the order they were first stored, app by app. `search` keeps the identifiers that contain its text ' +
          `(a substring, ignoring ASCII letter case). With \`limit\` (1 to ${PAGE_LIMIT_MAX}) the reply is one page, with \`total\` (the ` +
          'matching count) and `next`: pass it back as `cursor` for the following page; it is null on the last page. The cursor ' +
          'is a position: accounts stored or deleted between two pages may shift the later ones by as many places.',
        querystring: ListQuery,
        response: { 200: AccountPage, ...controlErrors },
      },
    },
    async (request) => {
      const { query } = request;
      if (query.cursor !== undefined && query.limit === undefined) throw new ControlRequestError('cursor needs limit');
      const matching = query.search === undefined
        ? store.values(query.sdkappid)
        : searched(store, query.sdkappid, query.search);
      if (query.limit === undefined) return { accounts: [...matching] };
      return page(matching, Number(query.cursor ?? 0), query.limit);
    },
  );

  app.delete(
    '/accounts/:sdkappid/:identifier',
    {
      schema: {
        tags,
        summary: 'Delete one account, found as GET finds it; like DELETE /__mock/accounts, it is forgotten (no 70399 cooldown)',
        description: 'Its profile, logins, messages, group memberships and friendships go with it, as account_delete takes them.',
        params: AccountParams,
        response: { 200: Deleted, 404: ControlError, ...controlErrors },
      },
    },
    async (request) => {
      const { sdkappid, identifier } = request.params;
      const account = store.forget(sdkappid, identifier);
      if (account === undefined) throw noAccount(sdkappid, identifier);
      forgetAccountState(app.mock, sdkappid, account.identifier);
      return { deleted: 1 };
    },
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
    async (request) => {
      const { sdkappid, identifier } = request.params;
      const account = store.get(sdkappid, identifier);
      if (account === undefined) throw noAccount(sdkappid, identifier);
      return account;
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
    async (request) => {
      // A SeedError is a 400 naming the entry, answered by the control plane's error handler.
      return { accounts: seedDocument(request.body, seedTarget(app.mock)) };
    },
  );

  app.delete(
    '/accounts',
    {
      schema: {
        tags,
        summary: "Delete one app's accounts (?sdkappid=N), or every app's; without sdkappid the rate limits start full again too",
        description:
          'Deleted accounts are forgotten entirely: no re-import cooldown (70399) applies to them. The app\'s profiles, logins, messages, ' +
          'groups and friendships go with them.',
        querystring: AppQuery,
        response: { 200: Deleted, ...controlErrors },
      },
    },
    async (request) => {
      const { sdkappid } = request.query;
      const deleted = store.count(sdkappid);
      store.clear(sdkappid);
      clearAccountState(app.mock, sdkappid);
      if (sdkappid === undefined) limiter.clear();
      return { deleted };
    },
  );
};

/** The accounts whose identifier contains `search`, ignoring ASCII letter case. */
function*searched(store: AccountStore, sdkappid: number | undefined, search: string): Generator<Account> {
  const needle = foldCase(search);
  for (const account of store.values(sdkappid)) if (foldCase(account.identifier).includes(needle)) yield account;
}

/**
 * One page of `accounts`, from position `offset`. Counting every match walks the whole app,
 * but only the page's accounts are copied out: a page of 100,000 accounts stays one pass.
 */
interface Page {
  accounts: Account[];
  next: string | null;
  total: number;
}

function page(accounts: Iterable<Account>, offset: number, limit: number): Page {
  const found: Account[] = [];
  let total = 0;
  for (const account of accounts) {
    if (total >= offset && found.length < limit) found.push(account);
    total++;
  }
  const end = offset + found.length;
  return { accounts: found, next: end < total ? String(end) : null, total };
}
