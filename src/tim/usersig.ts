import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync, type InputType, type ZlibOptions } from 'node:zlib';
import { Errors, VendorError } from './errors.js';

/** What a decoded UserSig v2 document claims. */
export interface SigClaims {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  userbuf: string | undefined;
  sig: string;
}

/** A deflate bomb in a URL-sized sig must not cost memory. */
const MAX_INFLATED_BYTES = 64 * 1024;

/** UserSig's URL-safe base64: `+`→`*`, `/`→`-`, `=`→`_`. */
const unescapeBase64 = (sig: string): string => sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');

/** The inverse of `unescapeBase64`. */
const escapeBase64 = (base64: string): string => base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');

const isUint = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * The sig alphabet, padding (`_`) only at the end. Node's base64 decoder skips any other
 * character and stops at the first padding, so without this a sig with junk appended or spaces
 * inserted decoded as the sig itself.
 */
const SIG_TEXT = /^[A-Za-z0-9*-]+_{0,2}$/;

declare module 'node:zlib' {
  /** With `info`, Node returns the output and the engine; @types/node knows only the output. */
  function inflateSync(
    buf: InputType,
    options: ZlibOptions & { info: true },
  ): { buffer: Buffer; engine: { bytesWritten: number } };
}

/**
 * Inflates the whole input or throws: zlib stops at the end of the deflate stream and ignores
 * what follows, so bytes after it are refused by counting what it consumed.
 */
function inflateAll(input: Buffer): Buffer {
  const { buffer, engine } = inflateSync(input, { maxOutputLength: MAX_INFLATED_BYTES, info: true });
  if (engine.bytesWritten !== input.length) throw new Error('bytes after the compressed stream');
  return buffer;
}

/** Decodes a UserSig v2 (tls-sig-api-v2), or throws 70003. */
export function decodeUserSig(usersig: string): SigClaims {
  if (!SIG_TEXT.test(usersig)) throw new VendorError(Errors.SigInvalid);
  let doc: unknown;
  try {
    doc = JSON.parse(inflateAll(Buffer.from(unescapeBase64(usersig), 'base64')).toString('utf8'));
  } catch {
    throw new VendorError(Errors.SigInvalid);
  }
  if (typeof doc !== 'object' || doc === null) throw new VendorError(Errors.SigInvalid);
  const d = doc as Record<string, unknown>;
  const identifier = d['TLS.identifier'];
  const sdkappid = d['TLS.sdkappid'];
  const time = d['TLS.time'];
  const expire = d['TLS.expire'];
  const userbuf = d['TLS.userbuf'];
  const sig = d['TLS.sig'];
  if (
    d['TLS.ver'] !== '2.0' ||
    typeof identifier !== 'string' ||
    !isUint(sdkappid) ||
    !isUint(time) ||
    !isUint(expire) ||
    typeof sig !== 'string' ||
    (userbuf !== undefined && typeof userbuf !== 'string')
  ) {
    throw new VendorError(Errors.SigInvalid);
  }
  return { identifier, sdkappid, time, expire, userbuf, sig };
}

/** The HMAC-SHA256 the official libraries sign, base64. */
export function signClaims(key: string, c: Omit<SigClaims, 'sig'>): string {
  let content = `TLS.identifier:${c.identifier}\nTLS.sdkappid:${c.sdkappid}\nTLS.time:${c.time}\nTLS.expire:${c.expire}\n`;
  if (c.userbuf !== undefined) content += `TLS.userbuf:${c.userbuf}\n`;
  return createHmac('sha256', key).update(content).digest('base64');
}

/** Default lifetime of a UserSig made by `makeUserSig`, in seconds (the vendor's examples use a day). */
export const USERSIG_DEFAULT_EXPIRE = 86400;
/** The longest lifetime `makeUserSig` is asked for: a signed 32-bit count of seconds. */
export const USERSIG_EXPIRE_MAX = 2147483647;

/**
 * Makes a UserSig v2 as the official `tls-sig-api-v2` library's genUserSig does, byte for byte
 * for the same second: the same document, key order, HMAC, deflate and URL-safe base64.
 */
export function makeUserSig(
  sdkappid: number,
  key: string,
  identifier: string,
  expire: number,
  nowSeconds: number,
): string {
  const claims = { identifier, sdkappid, time: nowSeconds, expire, userbuf: undefined };
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkappid,
    'TLS.time': nowSeconds,
    'TLS.expire': expire,
    'TLS.sig': signClaims(key, claims),
  };
  return escapeBase64(deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64'));
}

/** The second from which a sig is expired: the vendor's rule is `now > time + expire`. */
export const expiresAt = (c: Pick<SigClaims, 'time' | 'expire'>): number => c.time + c.expire;

const CACHE_LIMIT = 10_000;

interface VerifiedSig {
  usersig: string;
  identifier: string;
  /** The second from which it is expired. */
  expiresAt: number;
}

/**
 * Verifies UserSigs of one app. Checks, in order: decodable (70003), identifier (70013),
 * sdkappid (70014), HMAC (70009), expiry (70001). A verified sig is cached with its expiry, so
 * a repeat costs a map lookup, and still fails from the second it expires.
 */
export class UserSigVerifier {
  readonly #key: string;
  readonly #sdkappid: number;
  readonly #verified = new Map<string, VerifiedSig>();
  /**
   * The sig verified last: a client sends the same sig call after call, and comparing to it is
   * far cheaper than the map's lookup, which hashes the long string anew.
   */
  #last: VerifiedSig | undefined;

  constructor(sdkappid: number, key: string) {
    this.#sdkappid = sdkappid;
    this.#key = key;
  }

  verify(usersig: string, identifier: string, nowSeconds: number): void {
    const cached = this.#last?.usersig === usersig ? this.#last : this.#verified.get(usersig);
    if (cached !== undefined) {
      this.#last = cached;
      if (cached.identifier !== identifier) throw new VendorError(Errors.SigIdentifierMismatch);
      if (nowSeconds > cached.expiresAt) throw new VendorError(Errors.SigExpired);
      return;
    }
    const claims = decodeUserSig(usersig);
    if (claims.identifier !== identifier) throw new VendorError(Errors.SigIdentifierMismatch);
    if (claims.sdkappid !== this.#sdkappid) throw new VendorError(Errors.SigSdkAppIdMismatch);
    const expected = Buffer.from(signClaims(this.#key, claims));
    const given = Buffer.from(claims.sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new VendorError(Errors.SigMismatch);
    }
    if (nowSeconds > expiresAt(claims)) throw new VendorError(Errors.SigExpired);
    // Bounded: a flood of distinct sigs only costs re-verification, never memory.
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#last = { usersig, identifier, expiresAt: expiresAt(claims) };
    this.#verified.set(usersig, this.#last);
  }
}
