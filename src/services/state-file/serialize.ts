import { createHash } from 'node:crypto';
import type { AccountStore } from '../../model/accounts/store.js';
import { snapshotApps, STATE_FORMAT, STATE_VERSION, stateAccount, type AppSnapshot, type StateSources } from './document.js';

/**
 * Accounts (or deletions) serialized between two turns of the event loop: a request that comes
 * during a save waits for at most one slice (BENCHMARKS.md has the save ratio it gives).
 */
export const SAVE_SLICE = 100;

/** Waits for the event loop to take a turn, so that requests waiting meanwhile are served. */
export type Pause = () => Promise<void>;
const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The state file's text as it is made: its pieces, and their digest once every piece was read
 * (to tell an unchanged state, which needs no write).
 */
export interface StateText {
  pieces: AsyncIterable<string>;
  digest(): string;
}

const INDENT = '        ';
/** An item of an app's list, as JSON.stringify(document, null, 2) indents it there. */
const listItem = (value: unknown): string => INDENT + JSON.stringify(value, null, 2).replaceAll('\n', `\n${INDENT}`);

/** A list of an app's document, at most `slice` items a piece. */
function*listPieces<T>(items: readonly T[], pick: (item: T) => unknown, slice: number): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  for (let start = 0; start < items.length; start += slice) {
    const end = Math.min(start + slice, items.length);
    const parts: string[] = [];
    for (let i = start; i < end; i++) parts.push(listItem(pick(items[i] as T)));
    yield `${start === 0 ? '[\n' : ',\n'}${parts.join(',\n')}${end === items.length ? '\n      ]' : ''}`;
  }
}

/** The text of JSON.stringify(exportState(store, sources), null, 2) + '\n', piece by piece. */
function*documentPieces(apps: readonly AppSnapshot[], slice: number): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(STATE_FORMAT)},\n  "version": ${STATE_VERSION},\n  "apps": ${apps.length === 0 ? '[]' : '['}`;
  for (const [i, app] of apps.entries()) {
    yield `${i === 0 ? '\n' : ',\n'}    {\n      "sdkappid": ${app.sdkappid},\n      "accounts": `;
    yield * listPieces(app.accounts, stateAccount, slice);
    yield ',\n      "deleted": ';
    yield * listPieces(app.deleted, (deletion) => deletion, slice);
    if (app.settings !== undefined) yield `,\n      "settings": ${JSON.stringify(app.settings, null, 2).replaceAll('\n', '\n      ')}`;
    if (app.callbacks !== undefined) yield `,\n      "callbacks": ${JSON.stringify(app.callbacks, null, 2).replaceAll('\n', '\n      ')}`;
    for (const { name, items, pick } of app.sections) {
      yield `,\n      ${JSON.stringify(name)}: `;
      yield * listPieces(items, pick, slice);
    }
    yield '\n    }';
  }
  yield `${apps.length === 0 ? '' : '\n  ]'}\n}\n`;
}

/**
 * The state file's text, made `slice` accounts at a time with a turn of the event loop after
 * each piece (as many messages, groups or friendships), so that a save of a large state never
 * holds up the requests meanwhile. The pieces are handed on as they are made, never gathered:
 * a save that kept them all until its end had every young-generation collection meanwhile copy
 * them, a pause each request waiting then paid. The accounts and the models' state are those
 * of the moment the first piece is asked for: one that comes or goes meanwhile is in the next
 * save.
 */
export function stateText(
  store: AccountStore,
  sources: StateSources,
  pause: Pause = nextTurn,
  slice = SAVE_SLICE,
): StateText {
  const hash = createHash('sha256');
  async function*pieces(): AsyncGenerator<string> {
    for (const piece of documentPieces(snapshotApps(store, sources), slice)) {
      hash.update(piece);
      yield piece;
      await pause();
    }
  }
  return { pieces: pieces(), digest: () => hash.digest('hex') };
}

/** The digest of the state's text, made as a save makes it but written nowhere. */
export async function stateDigest(text: StateText): Promise<string> {
  for await (const piece of text.pieces) void piece;
  return text.digest();
}
