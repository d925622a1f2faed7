import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { MockOptions } from './config.js';

/** A running emulator, as `startMockServer` gives it to a test suite. */
export interface MockServer {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}

const urlHost = (host: string): string => {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
};

/** Builds the emulator and listens; port 0 (the in-process default) picks a free port. */
export async function startMockServer(options: Partial<MockOptions> = {}): Promise<MockServer> {
  const app = buildApp({ port: 0, ...options });
  const { host, port } = app.mock.options;
  await app.listen({ host, port });
  const actual = (app.server.address() as AddressInfo).port;
  return {
    app,
    url: `http://${urlHost(host)}:${actual}`,
    port: actual,
    close: () => app.close(),
  };
}
