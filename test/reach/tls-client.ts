import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import type { Test } from 'tap';
import type { MockOptions } from '../../src/config/options.js';
import { startMockServer, type MockServer } from '../../src/in-process.js';
import { envelope } from '../helper.js';

export const QUERY = new URLSearchParams(envelope()).toString();
export const IMPORT_PATH = `/v4/im_open_login_svc/account_import?${QUERY}`;

/** An emulator with an HTTPS port and a CA saved in a directory of the test's own; closed when the test ends. */
export async function startTls(t: Test, options: Partial<MockOptions> = {}): Promise<MockServer & { ca: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tim-tls-'));
  const mock = await startMockServer({ httpsPort: 0, tlsDir: dir, ...options });
  t.teardown(() => mock.close());
  return Object.assign(mock, { ca: readFileSync(join(dir, 'ca.pem'), 'utf8'), dir });
}

export interface Answer {
  status: number;
  body: string;
}

/** Reads a Node client response whole. */
export function answerOf(req: ReturnType<typeof httpsRequest>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.end(body);
  });
}

/** A `lookup` that resolves every name to 127.0.0.1, as curl's --resolve does. */
export const loopbackLookup = ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
  options.all === true ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never;

/** Opens a CONNECT tunnel through the proxy; resolves with the socket and the proxy's status line. */
export async function tunnel(proxyPort: number, authority: string): Promise<{ socket: Socket; status: number }> {
  const req = httpRequest({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: authority, agent: false });
  req.end();
  const [res, socket] = (await once(req, 'connect')) as [{ statusCode: number }, Socket];
  return { socket, status: res.statusCode };
}

/** An https.request to `host` through the proxy's tunnel, trusting `ca` (or only the system's CAs). */
export async function httpsViaProxy(proxyPort: number, host: string, path: string, ca: string | undefined, body: string): Promise<Answer> {
  const { socket } = await tunnel(proxyPort, `${host}:443`);
  const options: RequestOptions = {
    host,
    port: 443,
    // As a client with an agent sends it: no port, the default.
    headers: { host },
    method: 'POST',
    path,
    createConnection: (): TLSSocket => tlsConnect({ socket, servername: host, ...(ca === undefined ? {} : { ca }) }),
  };
  return answerOf(httpsRequest(options), body);
}
