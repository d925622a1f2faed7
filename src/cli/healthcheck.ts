#!/usr/bin/env node
/**
 * The container's HEALTHCHECK, run with node itself since slim images have no curl:
 * GET /health on the HOST and PORT the emulator was started with (the same variables and the
 * flags given to the container's entrypoint, so a changed port is followed), exit 0 on a 200
 * within the timeout and 1 otherwise (Docker reserves 2).
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { serverFlags } from './server-flags.js';
import { ConfigError } from '../shared/mock-errors.js';
import { DEFAULTS } from '../config/table.js';
import { readSettings } from '../config/settings.js';
import { reachableHost } from '../shared/url.js';

const HEALTHCHECK_TIMEOUT_MS = 2000;

/** The server's flags when it is the container's first process; none elsewhere. */
function entrypointFlags(): string[] {
  try {
    return serverFlags(readFileSync('/proc/1/cmdline', 'utf8'));
  } catch {
    return [];
  }
}

/** Where the server can be reached from inside its own container. */
function healthUrl(env: NodeJS.ProcessEnv): string {
  const { host = DEFAULTS.host, port = DEFAULTS.port } = readSettings(entrypointFlags(), env);
  return `http://${reachableHost(host)}:${port}/health`;
}

async function check(): Promise<string | undefined> {
  let url: string;
  try {
    url = healthUrl(process.env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  // node:http rather than fetch: fetch refuses some ports outright (6000, 10080, ...).
  return new Promise((resolve) => {
    const request = get(url, { signal: AbortSignal.timeout(HEALTHCHECK_TIMEOUT_MS), agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 ? undefined : `${url} answered HTTP ${response.statusCode}`);
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(`${url}: ${error.name === 'AbortError' ? `no answer within ${HEALTHCHECK_TIMEOUT_MS} ms` : (error.code ?? error.message)}`),
    );
  });
}

const problem = await check();
if (problem !== undefined) process.stderr.write(`unhealthy: ${problem}\n`);
// At once: an idle keep-alive socket must not hold the check open.
process.exit(problem === undefined ? 0 : 1);
