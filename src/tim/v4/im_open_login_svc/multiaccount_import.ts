import { Type } from '@sinclair/typebox';
import { ProfileTypeSchema } from '../../../model/accounts/account-schema.js';
import { reimportRefused } from '../../rules/cooldown.js';
import { roomForAnother } from '../../rules/plan-limits.js';
import { PROFILE_VALUE_MAX_BYTES, STANDALONE_IDENTIFIER_MAX_BYTES } from '../../../model/accounts/identifier-rules.js';
import { parseStandalone, standaloneIdentifier, type StandaloneInput } from '../../rules/standalone.js';
import type { JsonObject } from '../../body.js';
import { defineCommand } from '../../command.js';
import { Errors, VendorError } from '../../errors.js';
import { replySchema } from '../../reply.js';
import { isRecord } from '../../../shared/is-record.js';
import { accountsIn, itemList, itemListSchema } from '../../rules/item-list.js';
import { openLoginSvcCodes } from '../../rules/open-login-svc.js';

const accountId = `an account, 1 to ${STANDALONE_IDENTIFIER_MAX_BYTES} UTF-8 bytes`;
const profile = (what: string) => Type.Optional(Type.String({ description: `${what}, at most ${PROFILE_VALUE_MAX_BYTES} bytes` }));

const AccountEntry = Type.Object(
  {
    UserID: Type.String({ description: `${accountId} (\`Identifier\` is accepted too, as on account_import)` }),
    Nick: profile('nickname'),
    FaceUrl: profile('avatar URL'),
    Type: Type.Optional(ProfileTypeSchema()),
  },
  { description: "one account, checked by account_import's rules" },
);

const Body = Type.Object(
  {
    Accounts: Type.Optional(itemListSchema(Type.String({ description: accountId }), 'the accounts to import, as older SDKs send them')),
    AccountList: Type.Optional(itemListSchema(AccountEntry, 'the accounts to import with their profiles, as the newer docs send them')),
  },
  { description: 'exactly one of Accounts and AccountList' },
);

/** One entry of the batch: an account to import, or the name it is listed under in FailAccounts. */
type Entry = { ok: true; account: StandaloneInput } | { ok: false; failName: string };

const isString = (value: unknown): value is string => typeof value === 'string';

/** An entry that account_import would refuse fails alone; one naming no string account is listed as "". */
function entryOf(fields: JsonObject): Entry {
  try {
    return { ok: true, account: parseStandalone(fields) };
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    const id = standaloneIdentifier(fields);
    return { ok: false, failName: isString(id) ? id : '' };
  }
}

/** multiaccount_import: imports up to 100 standalone accounts; those that fail are listed, the call succeeds. */
export default defineCommand({
  service: 'im_open_login_svc',
  command: 'multiaccount_import',
  summary: 'Import 1 to 100 standalone accounts (Accounts or AccountList); refused ones are listed in FailAccounts',
  codes: openLoginSvcCodes([
    Errors.ImportBadRequest,
    Errors.ServerTimeout,
    Errors.BatchServerTimeout,
    Errors.AccountLimit,
    Errors.Internal,
  ]),
  defaultRateLimit: 100,
  body: Body,
  reply: replySchema({
    FailAccounts: Type.Optional(
      Type.Array(Type.String(), {
        description: 'on OK, always present: the accounts not imported, in request order ("" for an entry naming no account)',
      }),
    ),
  }),

  accountsOf: (body) => [
    ...accountsIn(body.Accounts, (entry) => entry),
    ...accountsIn(body.AccountList, (entry) => (isRecord(entry) ? standaloneIdentifier(entry) : undefined)),
  ],

  // The list's shape (exactly one form, 1 to 100 entries, strings or objects) fails the whole
  // call with 70402; an entry account_import would refuse fails alone.
  parse(body): Entry[] {
    if ((body.Accounts === undefined) === (body.AccountList === undefined)) {
      throw new VendorError(Errors.ImportBadRequest, 'give exactly one of Accounts and AccountList');
    }
    if (body.Accounts !== undefined) {
      return itemList(body, 'Accounts', isString, 'a string').map((UserID) => entryOf({ UserID }));
    }
    return itemList(body, 'AccountList', isRecord, 'an object').map(entryOf);
  },

  // In request order, as if each were its own account_import call: a duplicate is imported
  // (updated) again, and each refused occurrence is listed; past the plan's cap, every account
  // that would be new is listed and existing ones are still updated.
  execute(ctx, entries) {
    const { app, store } = ctx;
    const FailAccounts: string[] = [];
    for (const entry of entries) {
      if (!entry.ok) FailAccounts.push(entry.failName);
      else if (reimportRefused(ctx, entry.account.identifier)) FailAccounts.push(entry.account.identifier);
      else if (store.get(app.sdkappid, entry.account.identifier) === undefined && !roomForAnother(ctx)) {
        FailAccounts.push(entry.account.identifier);
      } else store.import(app.sdkappid, entry.account.identifier, entry.account);
    }
    return { FailAccounts };
  },
});
