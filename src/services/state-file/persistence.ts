import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { MockServices } from '../mock-services.js';
import { parseJsonFile } from '../../shared/json-file.js';
import { applyState, parseState, type ParsedState } from './document.js';
import { ConfigError, StateError } from '../../shared/mock-errors.js';
import { stateDigest, stateText } from './serialize.js';
import { writeAtomically } from './atomic-write.js';

/**
 * Fails at start, not at the first save, when the state could never be written: every save
 * creates a temporary file in the state file's folder and renames it over the file, so the
 * folder must be writable whether or not the file exists yet (a container started as another
 * user would otherwise serve, then lose every change).
 */
async function checkWritableFolder(file: string, existing: boolean): Promise<void> {
  const folder = dirname(file);
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(
      existing
        ? `state file ${file} could not be saved: its folder ${folder} is not writable by this user (${code})`
        : `state file ${file} cannot be created: its folder ${folder} is missing or not writable (${code})`,
    );
  }
}

/** Reads the state file: undefined when there is none yet; a ConfigError naming the file when it is unusable. */
export async function readStateFile(file: string, services: Pick<MockServices, 'apps'>): Promise<ParsedState | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`state file ${file} cannot be read: ${(error as Error).message}`);
    }
    await checkWritableFolder(file, false);
    return undefined;
  }
  await checkWritableFolder(file, true);
  const doc = parseJsonFile(bytes, `state file ${file}`, '; it was left untouched');
  try {
    return parseState(doc, services.apps);
  } catch (error) {
    if (!(error instanceof StateError)) throw error;
    throw new ConfigError(`state file ${file} is not a usable state document: ${error.message}; it was left untouched`);
  }
}

/**
 * The periodic save's tick: starts `run` unless the one it started last is still running, or
 * ended less than its own length ago (answering undefined then). A save of a large state can
 * take as long as the interval: ticks that each queued one more would keep a save running
 * without end, and saves back to back would leave requests half the event loop at best. Resting
 * as long as the last save ran keeps saves to at most half of it.
 */
export function pacedSaves(
  run: () => Promise<void>,
  now: () => number = () => performance.now(),
): () => Promise<void> | undefined {
  let running: Promise<void> | undefined;
  let restUntil = -Infinity;
  return () => {
    if (running !== undefined || now() < restUntil) return undefined;
    const startedAt = now();
    const started = run();
    const settle = () => {
      const ended = now();
      restUntil = ended + (ended - startedAt);
      running = undefined;
    };
    running = started.then(settle, settle);
    return started;
  };
}

/**
 * With a state file: loads it while the app boots, after the fixtures, which it replaces (the
 * plugin's dependencies say so), so /health answers only once it is in; saves it every
 * `saveInterval` seconds when it changed, and on close. A file that failed to load is never
 * written over: the start fails before the save hooks exist.
 */
async function persistState(app: FastifyInstance): Promise<void> {
  const services = app.mock;
  const { stateFile: file, saveInterval } = services.options;
  if (file === undefined) return;

  const state = await readStateFile(file, services);
  let lastDigest: string | undefined;
  if (state !== undefined) {
    applyState(services.store, services, state);
    lastDigest = await stateDigest(stateText(services.store, services));
    services.log.info({ stateFile: file, accounts: state.accounts.length }, 'state loaded');
  }

  // One save at a time, in order: a periodic save and the final one never interleave.
  let queue: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    const run = queue.then(async () => {
      // Written as it is made; an unchanged state's new file is dropped instead of renamed.
      const text = stateText(services.store, services);
      let digest: string | undefined;
      const changed = () => (digest = text.digest()) !== lastDigest;
      if (await writeAtomically(file, text.pieces, changed)) lastDigest = digest;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  let timer: NodeJS.Timeout | undefined;
  if (saveInterval > 0) {
    // Started once the app is ready, so no save runs while other plugins still boot.
    app.addHook('onReady', async () => {
      const tick = pacedSaves(save);
      timer = setInterval(() => {
        tick()?.catch((err: unknown) => services.log.error({ err, stateFile: file }, 'periodic state save failed'));
      }, saveInterval * 1000);
      timer.unref();
    });
  }

  // Fastify runs onClose after the server has closed and in-flight requests have finished.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await save();
    services.log.info({ stateFile: file }, 'state saved');
  });
}

export const statePlugin = fp(persistState, {
  name: 'mock-state',
  fastify: '5.x',
  // A saved state replaces the fixtures, so it loads after them.
  dependencies: ['mock-services', 'mock-fixtures'],
});
