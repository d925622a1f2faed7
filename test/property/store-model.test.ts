import fc from 'fast-check';
import t, { type Test } from 'tap';
import type { IdentifierType } from '../../src/model/accounts/account.js';
import { foldCase } from '../../src/model/accounts/identifier-rules.js';
import { AccountStore } from '../../src/model/accounts/store.js';
import { ControllableClock } from '../../src/model/clock.js';
import { build, call, IMPORT, REGISTER } from '../helper.js';
import { numRuns } from './runs.js';

/**
 * Random sequences of register / import / delete / check / reset, run against the store and
 * against a model written as a plain list of accounts: an identifier names the account with
 * exactly that identifier, else the hosted string account equal to it ignoring case (seed:
 * 字符串帐号忽略大小写); register refuses an identifier that names an account already, and a
 * string account equal ignoring case to any account already there.
 */
interface ModelAccount {
  sdkappid: number;
  identifier: string;
  kind: 'hosted' | 'standalone';
  identifierType?: IdentifierType;
  nick?: string;
}

const isStringAccount = (a: ModelAccount): boolean => a.kind === 'hosted' && a.identifierType === 3;

class Model {
  accounts: ModelAccount[] = [];

  resolve(sdkappid: number, id: string): ModelAccount | undefined {
    const mine = this.accounts.filter((a) => a.sdkappid === sdkappid);
    return mine.find((a) => a.identifier === id) ?? mine.find((a) => isStringAccount(a) && foldCase(a.identifier) === foldCase(id));
  }

  register(sdkappid: number, id: string, type: IdentifierType): boolean {
    const lower = foldCase(id);
    const taken =
      this.resolve(sdkappid, id) !== undefined ||
      (type === 3 && this.accounts.some((a) => a.sdkappid === sdkappid && foldCase(a.identifier) === lower));
    if (!taken) this.accounts.push({ sdkappid, identifier: id, kind: 'hosted', identifierType: type });
    return !taken;
  }

  import(sdkappid: number, id: string, nick: string | undefined): boolean {
    const existing = this.resolve(sdkappid, id);
    if (existing !== undefined) {
      if (nick !== undefined) existing.nick = nick;
      return false;
    }
    this.accounts.push({ sdkappid, identifier: id, kind: 'standalone', ...(nick !== undefined && { nick }) });
    return true;
  }

  delete(sdkappid: number, id: string): boolean {
    const existing = this.resolve(sdkappid, id);
    this.accounts = this.accounts.filter((a) => a !== existing);
    return existing !== undefined;
  }

  reset(sdkappid: number | undefined): void {
    this.accounts = sdkappid === undefined ? [] : this.accounts.filter((a) => a.sdkappid !== sdkappid);
  }
}

const APPS = [1400000001, 1400000002];

/** A few names in random letter case, so that sequences collide often. */
const stringAccount = fc.mixedCase(fc.constantFrom('alice', 'bob.1', 'c_d_e', 'a.b_9'));
const phone = fc.constantFrom('86-13800138000', '1-5550100', '44-2079460000');
const email = fc.constantFrom('a@b.co', 'Ab@b.co', 'x.y@z.io');
const anyIdentifier = fc.oneof(stringAccount, phone, email, fc.constantFrom('中文帐号', 'ab', 'Alice', 'alice'));

type Op =
  | { op: 'register'; app: number; id: string; type: IdentifierType }
  | { op: 'import'; app: number; id: string; nick: string | undefined }
  | { op: 'delete'; app: number; id: string }
  | { op: 'check'; app: number; id: string }
  | { op: 'reset'; app: number | undefined };

const app = fc.constantFrom(...APPS);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('register' as const), app, id: stringAccount, type: fc.constant(3 as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('register' as const), app, id: phone, type: fc.constant(1 as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('register' as const), app, id: email, type: fc.constant(2 as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('import' as const), app, id: anyIdentifier, nick: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), app, id: anyIdentifier }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('check' as const), app, id: anyIdentifier }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const), app: fc.option(app, { nil: undefined }) }) },
);

const summary = (a: { sdkappid: number; identifier: string; kind: string; nick?: string | undefined }): string =>
  `${a.sdkappid}|${a.kind}|${a.identifier}|${a.nick ?? ''}`;

function checkInvariants(t: Test, store: AccountStore, model: Model): boolean {
  const listed = store.list().map(summary).sort();
  const expected = model.accounts.map(summary).sort();
  let ok = t.same(listed, expected, 'the listing equals the model');
  for (const sdkappid of APPS) {
    const accounts = store.list(sdkappid);
    ok = t.equal(store.count(sdkappid), model.accounts.filter((a) => a.sdkappid === sdkappid).length, 'count') && ok;
    const exact = new Set(accounts.map((a) => a.identifier));
    ok = t.equal(exact.size, accounts.length, 'one account per identifier') && ok;
    const folded = accounts.filter((a) => a.kind === 'hosted' && a.identifierType === 3).map((a) => foldCase(a.identifier));
    ok = t.equal(new Set(folded).size, folded.length, 'string accounts are unique ignoring case') && ok;
    for (const account of accounts) ok = t.equal(store.get(sdkappid, account.identifier), account, 'every account is found by its identifier') && ok;
  }
  return ok;
}

t.test('the store keeps its invariants and matches the model over random sequences', async (t) => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
      const clock = new ControllableClock();
      clock.set(Date.UTC(2026, 0, 1));
      const store = new AccountStore(clock);
      const model = new Model();
      for (const o of ops) {
        clock.advance(1000);
        switch (o.op) {
          case 'register':
            if (store.register(o.app, o.id, o.type, 'sha256$salt$hash').ok !== model.register(o.app, o.id, o.type)) return false;
            break;
          case 'import': {
            // Created exactly when the app's count grows.
            const before = store.count(o.app);
            store.import(o.app, o.id, { nick: o.nick });
            if ((store.count(o.app) > before) !== model.import(o.app, o.id, o.nick)) return false;
            break;
          }
          case 'delete':
            if (store.delete(o.app, o.id) !== model.delete(o.app, o.id)) return false;
            break;
          case 'check': {
            const found = store.get(o.app, o.id);
            const expected = model.resolve(o.app, o.id);
            if ((found && summary(found)) !== (expected && summary(expected))) return false;
            break;
          }
          case 'reset':
            store.clear(o.app);
            model.reset(o.app);
            break;
        }
        if (!checkInvariants(t, store, model)) return false;
      }
      return true;
    }),
    { numRuns: numRuns(100) },
  );
});

t.test('over HTTP, register and import sequences leave the accounts the model predicts', async (t) => {
  const { app: server } = build(t, { rateLimit: 0 });
  const httpOp = fc.oneof(
    fc.record({ op: fc.constant('register' as const), id: stringAccount }),
    fc.record({ op: fc.constant('import' as const), id: anyIdentifier }),
    fc.record({ op: fc.constant('delete' as const), id: anyIdentifier }),
  );
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(httpOp, { minLength: 1, maxLength: 20 }), async (ops) => {
      // A fresh zero-config app per run keeps runs independent on one server.
      const sdkappid = 1600000000 + run++;
      const query = { sdkappid: String(sdkappid) };
      const model = new Model();
      for (const o of ops) {
        if (o.op === 'register') {
          const reply = await call(t, server, REGISTER, { Identifier: o.id, IdentifierType: 3, Password: 'password1' }, { query });
          t.equal(reply.ErrorCode, model.register(sdkappid, o.id, 3) ? 0 : 70402, `register ${o.id}`);
        } else if (o.op === 'import') {
          t.equal((await call(t, server, IMPORT, { UserID: o.id }, { query })).ErrorCode, 0, `import ${o.id}`);
          model.import(sdkappid, o.id, undefined);
        } else {
          // account_delete is another issue's endpoint; the store's own delete stands in for it.
          t.equal(server.mock.store.delete(sdkappid, o.id), model.delete(sdkappid, o.id), `delete ${o.id}`);
        }
      }
      t.same(server.mock.store.list(sdkappid).map(summary).sort(), model.accounts.map(summary).sort(), 'listing equals the model');
    }),
    { numRuns: numRuns(30) },
  );
});
