#!/usr/bin/env -S node --expose-gc
import { constants } from 'node:os';
import closeWithGrace from 'close-with-grace';
import { banner } from './banner.js';
import { listenAddresses, listenError } from './addresses.js';
import { usersigCommand } from './usersig.js';
import { ConfigError } from '../shared/mock-errors.js';
import { optionsFromProcess } from '../config/settings.js';
import { usage } from '../config/table.js';
import { type MockOptions } from '../config/options.js';
import { flushStdout, stdoutDestination } from './bounded-stdout.js';
import { startMockServer, type MockServer } from '../in-process.js';
import { version } from '../shared/version.js';

/** After SIGTERM/SIGINT, in-flight requests get this long to finish before their connections are cut. */
const DRAIN_MS = 5000;

/** The most the last log lines are waited for at exit, within the drain bound: stdout may never be read. */
const LOG_FLUSH_MS = 1000;

/** A start error: one line (and a pointer to the help for settings), exit 2, never a stack or the whole usage. */
function fail(message: string, help: string | undefined): never {
  process.stderr.write(`tim-account-mock: ${message}\n${help === undefined ? '' : `Run '${help}' to see the settings.\n`}`);
  process.exit(2);
}

/**
 * Starts the server. A bad fixtures or state file found while loading, a port in use or a host
 * that does not resolve stops it (exit 2) with one line.
 */
async function start(options: MockOptions): Promise<MockServer> {
  try {
    return await startMockServer(options);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, undefined);
    const address = listenError(error, options.host, options.port);
    if (address !== undefined) fail(address.message, 'tim-account-mock --help');
    throw error;
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
  const argv = process.argv.slice(2);
  if (argv[0] === 'usersig') {
    try {
      process.stdout.write(usersigCommand(argv.slice(1), process.env, Math.floor(Date.now() / 1000)));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      fail(error.message, 'tim-account-mock usersig --help');
    }
    return;
  }
  const terminal = process.stdout.isTTY === true;
  let options;
  try {
    options = optionsFromProcess(argv, process.env, terminal);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message, 'tim-account-mock --help');
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
  const { address, urls } = listenAddresses(options.host, server.port);
  if (terminal) {
    const { apps, admin, stateFile, mockToken } = options;
    const hasToken = mockToken !== undefined;
    process.stdout.write(banner({ version, address, urls, apps, admin, stateFile, mockToken: hasToken }));
  }
  if (options.apps.length === 0) {
    log.warn('zero-config mode: any numeric sdkappid is accepted and any non-empty usersig passes; declare apps to verify UserSigs');
  }
  const reach = urls.length === 1 && urls[0] === address ? '' : ` (reach it at ${urls.join(', ')})`;
  const https = server.httpsUrl === undefined ? '' : ` and ${server.httpsUrl}`;
  // Before the line that says it is listening: a supervisor may send SIGTERM the moment it reads it.
  closeOnSignals(server);
  log.info({ url: server.url, httpsUrl: server.httpsUrl, address, urls }, `tim-account-mock listening on ${address}${reach}${https}`);
}

await main();
