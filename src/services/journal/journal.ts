import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isoNow, type Clock } from '../../model/clock.js';
import { clip, CLIENT_TEXT_MAX, PATH_MAX } from '../../shared/clip.js';
import { clipMessageText, redactSecrets } from './redact.js';
import { pathOf } from '../../shared/url.js';
import { parseJsonText } from '../../shared/json-text.js';
import { RingBuffer } from './ring.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The most account names one entry keeps; `accountCount` says how many the body named. */
export const JOURNAL_ACCOUNTS_MAX = 100;

/** Entries a page of GET /__mock/requests holds without `limit`, and the most it holds with one. */
export const JOURNAL_PAGE_DEFAULT = 100;
export const JOURNAL_PAGE_MAX = 1000;

/** One /v4 call as GET /__mock/requests lists it. */
export const JournalEntrySchema = Type.Object({
  seq: Type.Integer({ description: 'increases by one per recorded call, never reused, not reset by DELETE: the cursor of `before` and `after`' }),
  id: Type.Integer({ description: 'the same number as seq (kept for clients written before seq)' }),
  time: Type.String({ description: 'when the answer was sent, ISO 8601 on the emulator clock' }),
  method: Type.String(),
  host: Nullable(Type.String({ description: 'the Host the call was addressed to (console.tim.qq.com, 127.0.0.1:8080); null when it named none' })),
  path: Type.String({ description: 'the URL path, without the query (which holds the usersig); at most 256 UTF-16 units' }),
  sdkappid: Nullable(Type.Integer()),
  caller: Nullable(Type.String({ description: "the URL's identifier (the admin account making the call); at most 64 UTF-16 units" })),
  account: Nullable(Type.String({ description: 'the account a single-account call is about (Identifier/UserID in the body); null for a batch; at most 64 UTF-16 units' })),
  accounts: Type.Array(Type.String(), {
    description: 'the accounts the body names, as sent: the first 100, each cut to 64 UTF-16 units (a cut one ends with …)',
  }),
  accountCount: Type.Integer({ description: 'how many accounts the body names, all of them (accounts keeps the first 100)' }),
  body: Type.Unknown({ description: 'the JSON body with Password, usersig and every secret redacted; null when it was not JSON' }),
  status: Type.Integer({ description: 'HTTP status; 0 when a fault dropped the connection' }),
  errorCode: Nullable(Type.Integer({ description: "the reply's ErrorCode; null when no vendor body was answered" })),
  durationMs: Type.Number(),
  fault: Nullable(Type.String({ description: 'the id of the fault that answered or delayed the call' })),
  stub: Nullable(Type.String({ description: 'the id of the user stub that answered the call' })),
});
export type JournalEntry = Static<typeof JournalEntrySchema>;

/**
 * GET /__mock/requests filters. A page is the newest `limit` matching entries whose seq is
 * between `after` and `before` (both excluded), still oldest first.
 */
export const JournalFilterSchema = Type.Object(
  {
    path: Type.Optional(Type.String()),
    sdkappid: Type.Optional(Type.Integer()),
    identifier: Type.Optional(Type.String({ description: 'calls whose body names this account among the 100 names an entry keeps' })),
    errorCode: Type.Optional(Type.Integer()),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, description: `entries per page: default ${JOURNAL_PAGE_DEFAULT}; a larger value than ${JOURNAL_PAGE_MAX} is taken as ${JOURNAL_PAGE_MAX}` }),
    ),
    before: Type.Optional(Type.Integer({ minimum: 0, description: 'only entries with a smaller seq (pass `next` here for the next older page)' })),
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'only entries with a larger seq (the last seq seen, to read what came since)' })),
  },
  { additionalProperties: false },
);
export type JournalFilter = Static<typeof JournalFilterSchema>;

/** One page of the journal: oldest first, and the cursor of the next older page. */
export const JournalPageSchema = Type.Object({
  requests: Type.Array(JournalEntrySchema),
  next: Nullable(Type.Integer({ description: 'pass as `before` (with the same filters) for the next older page; null when there is none' })),
});
export type JournalPage = Static<typeof JournalPageSchema>;

/**
 * What the vendor pipeline learned about a call, as far as the journal lists it (the pipeline's
 * own record of a call has these fields and more).
 */
export interface RecordedCall {
  /** The command's path when the call was routed to one: a string of its own, not a slice of the URL. */
  path: string | undefined;
  app: { sdkappid: number; admin: string } | undefined;
  caller: string | undefined;
  accounts: readonly string[];
  /** The parsed body, once it was read as a JSON object. */
  body: Record<string, unknown> | undefined;
  errorCode: number;
  fault: { id: string; kind: string } | undefined;
  /** The user stub that answered the call. */
  stub: string | undefined;
  /** performance.now() when the call arrived. */
  startedAt: number;
}

/**
 * The most body text an entry keeps. The ring bounds the entry count and this bounds each
 * entry, which keeps its body as JSON text (parsed objects of a small body of tiny arrays
 * would take ten times its size), so the journal's memory stays flat even when every call
 * sends a body at the 1 MiB limit: at most 64 MiB for the default 1000 entries. A 100-account
 * batch fits unless its profiles are long (100 x 500-byte Nick and FaceUrl: ~100 KiB).
 */
export const JOURNAL_BODY_MAX_BYTES = 64 * 1024;

/**
 * Text without these cannot name a secret: every secret name contains one of the words, and a
 * `\u` escape could spell one (`"Pass\u0077ord"` is the key Password).
 */
const MAY_NAME_A_SECRET = /password|secret|usersig|token|sig|key|authorization|\\u/i;

/** Text without these holds no message body (a `\u` escape could spell `MsgBody`). */
const MAY_HOLD_A_MESSAGE = /MsgBody|\\u/;

/**
 * The body as JSON text, with no secret in it and message text clipped, or a note of its size
 * when it is too big to keep. Most calls name no secret and send no message (account_import,
 * the batches): their text is kept as sent, without a copy; only a body that may hold a secret
 * or a message is copied here, before it is kept.
 */
function keptBody(body: Record<string, unknown> | undefined, raw: unknown): string | null {
  if (body === undefined || typeof raw !== 'string') return null;
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so short text needs no count.
  const bytes = raw.length * 3 <= JOURNAL_BODY_MAX_BYTES ? 0 : Buffer.byteLength(raw);
  if (bytes > JOURNAL_BODY_MAX_BYTES) {
    return JSON.stringify({ '[not kept]': `a body of ${bytes} bytes; the journal keeps bodies up to ${JOURNAL_BODY_MAX_BYTES}` });
  }
  const secret = MAY_NAME_A_SECRET.test(raw);
  const message = MAY_HOLD_A_MESSAGE.test(raw);
  if (!secret && !message) return raw;
  const redacted = secret ? redactSecrets(body) : body;
  return JSON.stringify(message ? clipMessageText(redacted) : redacted);
}

/**
 * `text` in memory of its own. The path and the query's values are slices of the request URL,
 * and a slice keeps the whole URL alive, usersig included, for as long as the entry lives.
 */
const ownCopy = (text: string): string => Buffer.from(text, 'utf16le').toString('utf16le');

/**
 * An entry as the ring holds it: the body stays text until it is listed, and the duration is a
 * whole number of hundredths, which V8 keeps in the entry instead of in a number object of its own.
 */
type StoredEntry = Omit<JournalEntry, 'body' | 'durationMs' | 'accounts'> & {
  body: string | null;
  hundredths: number;
  accounts: readonly string[];
};

/**
 * Listing parses the kept text as the vendor route did (`__proto__` dropped) and cuts it at the
 * redaction depth, so even a kept body nested thousands deep serializes safely.
 */
const listed = ({ body, hundredths, accounts, ...entry }: StoredEntry): JournalEntry => ({
  ...entry,
  accounts: [...accounts],
  body: body === null ? null : redactSecrets(parseJsonText(body)),
  durationMs: hundredths / 100,
});

const numeric = (value: unknown): number | null =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : null;

/** An entry keeps names and paths cut by `clip`: a filter value is cut the same way before it is compared. */
const matcher = (f: JournalFilter): ((e: StoredEntry) => boolean) => {
  const path = f.path === undefined ? undefined : clip(f.path, PATH_MAX);
  const identifier = f.identifier === undefined ? undefined : clip(f.identifier);
  return (e) =>
    (path === undefined || e.path === path) &&
    (f.sdkappid === undefined || e.sdkappid === f.sdkappid) &&
    (identifier === undefined || e.accounts.includes(identifier)) &&
    (f.errorCode === undefined || e.errorCode === f.errorCode);
};

/**
 * The first JOURNAL_ACCOUNTS_MAX names, each cut: a refused batch may name a hundred thousand.
 * The call's own list when it needs no cut, as nearly every call's does: the pipeline makes it
 * for each call and never changes it.
 */
const keptAccounts = (accounts: readonly string[]): readonly string[] => {
  const uncut = accounts.length <= JOURNAL_ACCOUNTS_MAX && accounts.every((name) => name.length <= CLIENT_TEXT_MAX);
  if (uncut) return accounts;
  const kept = accounts.length <= JOURNAL_ACCOUNTS_MAX ? accounts : accounts.slice(0, JOURNAL_ACCOUNTS_MAX);
  return kept.map((name) => clip(name));
};

/**
 * The request journal: the last `size` /v4 calls in a ring, so memory stays flat under any
 * load; size 0 records nothing. Secrets are redacted when a call is recorded, so they are
 * never held here at all.
 */
export class Journal {
  readonly #ring: RingBuffer<StoredEntry>;
  readonly #clock: Clock;
  #nextSeq = 1;

  constructor(size: number, clock: Clock) {
    this.#ring = new RingBuffer(size);
    this.#clock = clock;
  }

  get enabled(): boolean {
    return this.#ring.capacity > 0;
  }

  /** Records a /v4 call as it is answered. */
  record(request: FastifyRequest, reply: FastifyReply, call: RecordedCall): void {
    if (!this.enabled) return;
    const query = request.query as Record<string, unknown> | undefined;
    const dropped = call.fault?.kind === 'drop';
    const path = pathOf(request.url);
    // A call refused by its envelope checks is still listed under what it asked for.
    const caller = call.caller ?? (typeof query?.identifier === 'string' ? query.identifier : null);
    const accounts = keptAccounts(call.accounts);
    const seq = this.#nextSeq++;
    this.#ring.push({
      seq,
      id: seq,
      time: isoNow(this.#clock),
      method: request.method,
      host: request.headers.host ?? null,
      // Most calls come from the admin to a command's path: those strings are kept, not copied.
      path: path === call.path ? call.path : ownCopy(clip(path, PATH_MAX)),
      sdkappid: call.app?.sdkappid ?? numeric(query?.sdkappid),
      caller: caller === null ? null : caller === call.app?.admin ? call.app.admin : ownCopy(clip(caller)),
      account: call.accounts.length === 1 ? (accounts[0] as string) : null,
      accounts,
      accountCount: call.accounts.length,
      body: keptBody(call.body, request.body),
      status: dropped ? 0 : reply.statusCode,
      errorCode: !dropped && reply.statusCode === 200 ? call.errorCode : null,
      hundredths: Math.round((performance.now() - call.startedAt) * 100),
      fault: call.fault?.id ?? null,
      stub: call.stub ?? null,
    });
  }

  /**
   * The newest `limit` entries (default JOURNAL_PAGE_DEFAULT, at most JOURNAL_PAGE_MAX) that
   * match and lie between `after` and `before`, oldest first, with the cursor of the next older
   * page. Only that window is scanned: the ring holds consecutive seqs, so a seq is an index.
   */
  page(filter: JournalFilter = {}): JournalPage {
    return this.#page(filter, Math.min(filter.limit ?? JOURNAL_PAGE_DEFAULT, JOURNAL_PAGE_MAX));
  }

  /**
   * The matching entries, oldest first: every one the journal holds unless `limit` says fewer.
   * In process nothing is serialized, so no page size applies; the journal's size bounds it.
   */
  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.#page(filter, filter.limit ?? Math.max(1, this.#ring.size)).requests;
  }

  #page(filter: JournalFilter, limit: number): JournalPage {
    const size = this.#ring.size;
    if (size === 0) return { requests: [], next: null };
    const oldest = this.#ring.at(0).seq;
    const stop = filter.after === undefined ? 0 : Math.max(0, filter.after - oldest + 1);
    const matches = matcher(filter);
    const found: StoredEntry[] = [];
    let next: number | null = null;
    const start = filter.before === undefined ? size - 1 : Math.min(size - 1, filter.before - oldest - 1);
    for (let i = start; i >= stop; i--) {
      const entry = this.#ring.at(i);
      if (!matches(entry)) continue;
      if (found.length === limit) {
        next = (found[limit - 1] as StoredEntry).seq;
        break;
      }
      found.push(entry);
    }
    return { requests: found.reverse().map(listed), next };
  }

  get size(): number {
    return this.#ring.size;
  }

  clear(): void {
    this.#ring.clear();
  }
}
