#!/usr/bin/env node
import { constants } from 'node:os';
import closeWithGrace from 'close-with-grace';
import { ConfigError, optionsFromProcess, usage, type MockOptions } from './config.js';
import { flushStdout, stdoutDestination } from './log/bounded.js';
import { startMockServer, type MockServer } from './server.js';
import { version } from './version.js';

/** After SIGTERM/SIGINT, in-flight requests get this long to finish before their connections are cut. */
const DRAIN_MS = 5000;

/** The most the last log lines are waited for at exit, within the drain bound: stdout may never be read. */
const LOG_FLUSH_MS = 1000;

/** Starts the server; a bad fixtures or state file found while loading stops it (exit 2). */
async function start(options: MockOptions): Promise<MockServer> {
  try {
    return await startMockServer(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`tim-account-mock: ${error.message}\n`);
    process.exit(2);
  }
}

/**
 * First signal: stop accepting, let in-flight requests finish (at most DRAIN_MS), save the
 * state, exit 0. A second signal exits at once, with 128 + the signal's number as a shell
 * reports a process killed by it (SIGINT 130, SIGTERM 143), and saves nothing.
 */
function closeOnSignals(server: MockServer): void {
  const { log } = server.app.mock;
  closeWithGrace(
    {
      // A backstop (exit 1) for a close that hangs in spite of the drain bound below.
      delay: DRAIN_MS * 2,
      logger: { error: (message: unknown) => log.error(message) },
      onSecondSignal: (signal) => {
        log.warn(`second ${signal}: exiting at once`);
        process.exit(128 + (constants.signals[signal] ?? 0));
      },
    },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'closing after an error');
      else log.info(`${signal ?? 'exit'} received, closing`);
      const deadline = Date.now() + DRAIN_MS;
      const drain = setTimeout(() => {
        log.warn(`requests still in flight after ${DRAIN_MS} ms: closing their connections`);
        server.app.server.closeAllConnections();
      }, DRAIN_MS);
      try {
        await server.close();
      } finally {
        clearTimeout(drain);
        await flushStdout(Math.min(LOG_FLUSH_MS, Math.max(0, deadline - Date.now())));
      }
    },
  );
}

async function main(): Promise<void> {
  let options;
  try {
    options = optionsFromProcess(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`tim-account-mock: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(usage());
    return;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return;
  }

  // Never blocks on a stdout pipe nobody reads, and holds at most TIM_LOG_BUFFER bytes for it.
  const server = await start({ ...options, logStream: stdoutDestination(options.logBuffer) });
  const { log } = server.app.mock;
  if (options.apps.length === 0) {
    log.warn('zero-config mode: any numeric sdkappid is accepted and any non-empty usersig passes; declare apps to verify UserSigs');
  }
  if (server.httpsUrl === undefined) {
    log.info({ url: server.url }, `tim-account-mock listening on ${server.url}`);
  } else {
    log.info({ url: server.url, httpsUrl: server.httpsUrl }, `tim-account-mock listening on ${server.url} and ${server.httpsUrl}`);
  }
  closeOnSignals(server);
}

await main();
