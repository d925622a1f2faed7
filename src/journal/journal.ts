import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { isoNow, type Clock } from '../clock.js';
import { redactSecrets } from './redact.js';
import { pathOf } from '../url.js';
import { RingBuffer } from './ring.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** One /v4 call as GET /__mock/requests lists it. */
export const JournalEntrySchema = Type.Object({
  id: Type.Integer({ description: 'increases by one per recorded call, never reused' }),
  time: Type.String({ description: 'when the answer was sent, ISO 8601 on the emulator clock' }),
  method: Type.String(),
  path: Type.String({ description: 'the URL path, without the query (which holds the usersig)' }),
  sdkappid: Nullable(Type.Integer()),
  caller: Nullable(Type.String({ description: "the URL's identifier (the admin account making the call)" })),
  account: Nullable(Type.String({ description: 'the account a single-account call is about (Identifier/UserID in the body); null for a batch' })),
  accounts: Type.Array(Type.String(), { description: 'every account the body names, as sent (a batch names up to 100)' }),
  body: Type.Unknown({ description: 'the JSON body with Password, usersig and every secret redacted; null when it was not JSON' }),
  status: Type.Integer({ description: 'HTTP status; 0 when a fault dropped the connection' }),
  errorCode: Nullable(Type.Integer({ description: "the reply's ErrorCode; null when no vendor body was answered" })),
  durationMs: Type.Number(),
  fault: Nullable(Type.String({ description: 'the id of the fault that answered or delayed the call' })),
});
export type JournalEntry = Static<typeof JournalEntrySchema>;

/** GET /__mock/requests filters; `limit` keeps the newest N matches, still oldest first. */
export const JournalFilterSchema = Type.Object(
  {
    path: Type.Optional(Type.String()),
    sdkappid: Type.Optional(Type.Integer()),
    identifier: Type.Optional(Type.String({ description: 'calls whose body names this account' })),
    errorCode: Type.Optional(Type.Integer()),
    limit: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type JournalFilter = Static<typeof JournalFilterSchema>;

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

/**
 * The body as JSON text, with no secret in it, or a note of its size when it is too big to
 * keep. Most calls name no secret at all (account_import, the batches): their text is kept as
 * sent, without a copy; only a body that may hold one is redacted here, before it is kept.
 */
function keptBody(body: Record<string, unknown> | undefined, raw: unknown): string | null {
  if (body === undefined || typeof raw !== 'string') return null;
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so short text needs no count.
  const bytes = raw.length * 3 <= JOURNAL_BODY_MAX_BYTES ? 0 : Buffer.byteLength(raw);
  if (bytes > JOURNAL_BODY_MAX_BYTES) {
    return JSON.stringify({ '[not kept]': `a body of ${bytes} bytes; the journal keeps bodies up to ${JOURNAL_BODY_MAX_BYTES}` });
  }
  return MAY_NAME_A_SECRET.test(raw) ? JSON.stringify(redactSecrets(body)) : raw;
}

/**
 * `text` in memory of its own. The path and the query's values are slices of the request URL,
 * and a slice keeps the whole URL alive, usersig included, for as long as the entry lives.
 */
const ownCopy = (text: string): string => Buffer.from(text, 'utf16le').toString('utf16le');

/** An entry as the ring holds it: the body stays text until it is listed. */
type StoredEntry = Omit<JournalEntry, 'body'> & { body: string | null };

/**
 * Listing parses the kept text as the vendor route did (`__proto__` dropped) and cuts it at the
 * redaction depth, so even a kept body nested thousands deep serializes safely.
 */
const listed = ({ body, ...entry }: StoredEntry): JournalEntry => ({
  ...entry,
  body: body === null ? null : redactSecrets(sjson.parse(body, undefined, { protoAction: 'remove', constructorAction: 'remove' })),
});

const numeric = (value: unknown): number | null =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : null;

const matches = (e: StoredEntry, f: JournalFilter): boolean =>
  (f.path === undefined || e.path === f.path) &&
  (f.sdkappid === undefined || e.sdkappid === f.sdkappid) &&
  (f.identifier === undefined || e.accounts.includes(f.identifier)) &&
  (f.errorCode === undefined || e.errorCode === f.errorCode);

/**
 * The request journal: the last `size` /v4 calls in a ring, so memory stays flat under any
 * load; size 0 records nothing. Secrets are redacted when a call is recorded, so they are
 * never held here at all.
 */
export class Journal {
  readonly #ring: RingBuffer<StoredEntry>;
  readonly #clock: Clock;
  #nextId = 1;

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
    this.#ring.push({
      id: this.#nextId++,
      time: isoNow(this.#clock),
      method: request.method,
      // Most calls come from the admin to a command's path: those strings are kept, not copied.
      path: path === call.path ? call.path : ownCopy(path),
      sdkappid: call.app?.sdkappid ?? numeric(query?.sdkappid),
      caller: caller === null ? null : caller === call.app?.admin ? call.app.admin : ownCopy(caller),
      account: call.accounts.length === 1 ? (call.accounts[0] as string) : null,
      accounts: call.accounts as string[],
      body: keptBody(call.body, request.body),
      status: dropped ? 0 : reply.statusCode,
      errorCode: !dropped && reply.statusCode === 200 ? call.errorCode : null,
      durationMs: Math.round((performance.now() - call.startedAt) * 100) / 100,
      fault: call.fault?.id ?? null,
    });
  }

  /** Matching entries, oldest first; with `limit`, the newest `limit` of them. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const found: StoredEntry[] = [];
    for (const entry of this.#ring) if (matches(entry, filter)) found.push(entry);
    return (filter.limit === undefined ? found : found.slice(-filter.limit)).map(listed);
  }

  get size(): number {
    return this.#ring.size;
  }

  clear(): void {
    this.#ring.clear();
  }
}
