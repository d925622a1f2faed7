/**
 * The most UTF-16 code units the journal and the log keep of one client string (an account
 * name, a caller): a client may send a megabyte-long identifier, and both must stay bounded.
 */
export const CLIENT_TEXT_MAX = 64;

/** The most UTF-16 code units kept of a request path (unknown commands' paths are the client's). */
export const PATH_MAX = 256;

/** What ends a cut string, counted in its `max` units, so a reader sees it was cut. */
export const CUT_MARK = '…';

/**
 * `text` when it is at most `max` UTF-16 code units long; otherwise its start, cut on a code
 * point boundary (never between the two halves of a surrogate pair) and ending with CUT_MARK,
 * `max` units in all. A cut string is copied into memory of its own: a slice would keep the
 * whole original (a megabyte-long body string, say) alive for as long as the cut one lives.
 */
export function clip(text: string, max = CLIENT_TEXT_MAX): string {
  if (text.length <= max) return text;
  let end = max - CUT_MARK.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return Buffer.from(text.slice(0, end) + CUT_MARK, 'utf16le').toString('utf16le');
}
