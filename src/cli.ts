#!/usr/bin/env node
import { createRequire } from 'node:module';
import closeWithGrace from 'close-with-grace';
import { ConfigError, optionsFromProcess, usage } from './config.js';
import { startMockServer } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

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

  const server = await startMockServer(options);
  const { log } = server.app;
  if (options.apps.length === 0) {
    log.warn('zero-config mode: any numeric sdkappid is accepted and any non-empty usersig passes; declare apps to verify UserSigs');
  }
  log.info({ url: server.url }, `tim-account-mock listening on ${server.url}`);

  closeWithGrace({ delay: 5000, logger: { error: (message: string) => log.error(message) } }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'closing after an error');
    else log.info(`${signal} received, closing`);
    await server.close();
  });
}

await main();
