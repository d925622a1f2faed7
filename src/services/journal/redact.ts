import { clip } from '../../shared/clip.js';
import { isRecord } from '../../shared/is-record.js';

export const REDACTED = '[redacted]';
export const TOO_DEEP = '[too deep]';

/** Keys whose values are secrets, in any letter case: Password, usersig, SecretKey, tokens. */
const SECRET_KEY = /password|secret|usersig|token|^sig$|^key$|authorization/i;

/**
 * Vendor bodies are a few levels deep; a client may still send thousands of levels, which a
 * recursive copy would follow until the stack overflows. Past this depth the value is dropped.
 */
const MAX_DEPTH = 32;

/** A deep copy of a JSON value with every secret-named key's value replaced, at any depth kept. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1);
  }
  return copy;
}

/** Where a message element's text is: TIMTextElem's Text, TIMCustomElem's Data, Desc and Ext. */
const MESSAGE_TEXT = new Set(['Text', 'Data', 'Desc', 'Ext']);

/** An element with its text fields cut by `clip`, as the journal cuts any client string. */
function clipElement(element: unknown): unknown {
  if (!isRecord(element) || !isRecord(element.MsgContent)) return element;
  const content: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(element.MsgContent)) {
    content[key] = MESSAGE_TEXT.has(key) && typeof item === 'string' ? clip(item) : item;
  }
  return { ...element, MsgContent: content };
}

/**
 * A copy of a JSON value where every `MsgBody` array, at any depth kept (sendmsg's, or each of
 * import_group_msg's MsgList), has its elements' text clipped: the journal keeps who wrote to
 * whom, not a conversation's whole text.
 */
export function clipMessageText(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => clipMessageText(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = key === 'MsgBody' && Array.isArray(item) ? item.map(clipElement) : clipMessageText(item, depth + 1);
  }
  return copy;
}
