import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../config.js';
import type { MockServices } from '../app.js';
import { writeFileAtomic } from './atomic-write.js';
import { exportState, parseState, StateError, type ParsedState } from './document.js';

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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`state file ${file} cannot be read: ${(error as Error).message}`);
    }
    await checkWritableFolder(file, false);
    return undefined;
  }
  await checkWritableFolder(file, true);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`state file ${file} is not valid JSON (${(error as Error).message}); it was left untouched`);
  }
  try {
    return parseState(doc, services.apps);
  } catch (error) {
    if (!(error instanceof StateError)) throw error;
    throw new ConfigError(`state file ${file} is not a usable state document: ${error.message}; it was left untouched`);
  }
}

const serialize = (services: MockServices): string => `${JSON.stringify(exportState(services.store), null, 2)}\n`;

/**
 * With a state file: loads it before the app is ready (so /health answers only after it, and
 * after the fixtures, which it replaces), saves it every `saveInterval` seconds when it changed,
 * and saves it on close. A file that failed to load is never written over.
 */
export function persistState(app: FastifyInstance): void {
  const services = app.mock;
  const { stateFile: file, saveInterval } = services.options;
  if (file === undefined) return;

  let loaded = false;
  let lastWritten: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  // One save at a time, in order: a periodic save and the final one never interleave.
  let queue: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    const run = queue.then(async () => {
      const text = serialize(services);
      if (text === lastWritten) return;
      await writeFileAtomic(file, text);
      lastWritten = text;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  app.addHook('onReady', async () => {
    const state = await readStateFile(file, services);
    if (state !== undefined) {
      services.store.replace(state.accounts, state.deletions);
      lastWritten = serialize(services);
      app.mock.log.info({ stateFile: file, accounts: state.accounts.length }, 'state loaded');
    }
    loaded = true;
    if (saveInterval > 0) {
      timer = setInterval(() => {
        save().catch((err: unknown) => app.mock.log.error({ err, stateFile: file }, 'periodic state save failed'));
      }, saveInterval * 1000);
      timer.unref();
    }
  });

  // Fastify runs onClose after the server has closed and in-flight requests have finished.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    if (!loaded) return;
    await save();
    app.mock.log.info({ stateFile: file }, 'state saved');
  });
}
