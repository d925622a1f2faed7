import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { MockOptions } from '../config/options.js';
import { tlsDirProblem, type TlsMaterial } from './tls/material.js';
import { ServedHosts, splitAuthority } from './hosts.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The refusal of a host the emulator does not serve: one JSON line, then the connection is closed. */
const refusal = (host: string): Record<string, unknown> => ({
  statusCode: 403,
  error: 'Forbidden',
  message: `${host} is not a vendor hostname nor in TIM_TLS_HOSTS: this proxy serves the vendor API only and never connects elsewhere`,
});

/** Answers a refused request with its one-line JSON body and closes the connection. */
function answer(res: ServerResponse, status: number, reply: Record<string, unknown>): void {
  const body = `${JSON.stringify(reply)}\n`;
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'x-content-type-options': 'nosniff',
      connection: 'close',
    })
    .end(body);
}

/** At most this much of a refused host or CONNECT target is logged. */
const clip = (text: string | undefined): string => (text ?? '').slice(0, 100);

/**
 * A refused CONNECT target as logged: its path alone, clipped. A client that puts a vendor URL
 * where the authority belongs sends its query too, and the query holds the usersig.
 */
const targetPath = (target: string | undefined): string => clip((target ?? '').split(/[?#]/, 1)[0]);

/**
 * How clients reach the emulator as the vendor, beyond plain HTTP: the HTTPS listener, the
 * proxy mode of the HTTP port and in-process interception. Everything of TLS is loaded on first
 * use (an HTTPS port asked for, a CONNECT, GET /__mock/tls/ca.pem), so a start without TLS
 * loads and runs none of it.
 */
export class Reach {
  readonly hosts: ServedHosts;
  readonly #app: FastifyInstance;
  readonly #options: MockOptions;
  readonly #log: FastifyBaseLogger;
  #material: Promise<TlsMaterial> | undefined;
  #secure: Promise<HttpsServer> | undefined;
  /** The HTTPS server once made, for close(). */
  #server: HttpsServer | undefined;
  readonly #undo = new Set<() => void>();
  /** Open proxy tunnels: the HTTP port's close waits for them, so close() ends them. */
  readonly #tunnels = new Set<Duplex>();

  constructor(app: FastifyInstance, options: MockOptions, log: FastifyBaseLogger) {
    this.#app = app;
    this.#options = options;
    this.#log = log;
    this.hosts = new ServedHosts(options.tlsHosts);
    // With an HTTPS port a bad TIM_TLS_DIR stops the start; without one, TLS is made on first
    // use, so the start says now what would fail then.
    const { tlsDir, tlsCert, httpsPort } = options;
    const lazy = tlsDir !== undefined && tlsCert === undefined && httpsPort === undefined;
    const problem = lazy ? tlsDirProblem(tlsDir) : undefined;
    if (problem !== undefined) {
      log.warn(`${problem}: GET /__mock/tls/ca.pem and proxy tunnels will fail until it names a directory that can be written`);
    }
  }

  /** The certificate, key and CA, loaded or made once. */
  material(): Promise<TlsMaterial> {
    this.#material ??= import('./tls/material.js').then(({ loadTlsMaterial }) =>
      loadTlsMaterial({ ...this.#options, names: this.hosts.certificateNames }),
    );
    return this.#material;
  }

  /** The HTTPS server: it listens on the HTTPS port when there is one, and terminates every proxy tunnel. */
  secureServer(): Promise<HttpsServer> {
    this.#secure ??= Promise.all([import('./secure.js'), this.material()]).then(([{ createSecureServer }, material]) => {
      this.#server = createSecureServer(this.#app, material, this.#log, (req, res) =>
        this.route(req, res, (q, s) => this.#app.routing(q, s)),
      );
      return this.#server;
    });
    return this.#secure;
  }

  /** Starts the HTTPS listener; resolves with its port. */
  async listenHttps(host: string, port: number): Promise<number> {
    const server = await this.secureServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /**
   * Every request of the HTTPS port and of the proxy tunnels, as the HTTP port takes them: a
   * path goes to Fastify, anything else is an absolute-form target that the host rule decides.
   */
  route(req: IncomingMessage, res: ServerResponse, handler: Handler): void {
    if ((req.url as string).charCodeAt(0) === 47) handler(req, res);
    else this.absoluteForm(req, res, handler);
  }

  /**
   * An absolute-form request (`POST http://console.tim.qq.com/v4/...`): served as its path
   * when the host is the vendor's, refused 403 otherwise. Any other target that is not a path
   * (`*`, an authority) is a 400: no route answers it.
   */
  absoluteForm(req: IncomingMessage, res: ServerResponse, handler: Handler): void {
    const raw = req.url as string;
    const url = /^https?:\/\//i.test(raw) ? URL.parse(raw) : null;
    if (url === null) {
      this.#log.debug({ target: targetPath(raw) }, 'request refused: its target is neither a path nor an http(s) URL');
      return answer(res, 400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'the request target must be a path, or an http:// or https:// URL of a vendor hostname',
      });
    }
    if (!this.hosts.serves(url.hostname)) {
      this.#log.info({ host: clip(url.host) }, 'proxy request refused: not a vendor hostname');
      return answer(res, 403, refusal(url.hostname));
    }
    req.url = `${url.pathname}${url.search}`;
    req.headers.host ??= url.host;
    handler(req, res);
  }

  /**
   * A CONNECT to the HTTP port. A vendor hostname (any port) is answered `200 Connection
   * established` and the tunnel handed to the HTTPS server, which terminates its TLS with the
   * leaf; another host is refused 403; a target without a host or with a bad port is closed.
   * No outbound socket is ever opened.
   */
  connect(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node gives the socket no error listener once it is detached; a client reset must not end the process.
    socket.on('error', (err: NodeJS.ErrnoException) => this.#log.debug({ code: err.code }, 'proxy tunnel error; connection closed'));
    const target = splitAuthority(req.url ?? '');
    if (target === undefined) {
      this.#log.debug({ target: targetPath(req.url) }, 'CONNECT without a valid host:port; connection closed');
      socket.destroy();
      return;
    }
    if (!this.hosts.serves(target.host)) {
      this.#log.info({ host: clip(target.host), port: target.port }, 'CONNECT refused: not a vendor hostname');
      const body = `${JSON.stringify(refusal(target.host))}\n`;
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    this.secureServer().then(
      (server) => {
        if (socket.destroyed) return;
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
        if (head.length > 0) socket.unshift(head);
        this.#tunnels.add(socket);
        socket.once('close', () => this.#tunnels.delete(socket));
        // tls.Server wraps a plain socket handed to it as a connection: the tunnel is served like the HTTPS port.
        server.emit('connection', socket);
      },
      (err: Error) => {
        this.#log.error({ err: { message: err.message } }, 'CONNECT closed: the TLS certificate could not be made');
        socket.destroy();
      },
    );
  }

  /**
   * Answers this process's requests to the served hosts (fetch, node:http, node:https and
   * what is built on them) in-process; returns the function that stops it.
   */
  async intercept(): Promise<() => void> {
    const { interceptVendorHosts } = await import('./intercept.js');
    const dispose = interceptVendorHosts(this.#app);
    const undo = (): void => {
      if (this.#undo.delete(undo)) dispose();
    };
    this.#undo.add(undo);
    return undo;
  }

  /**
   * Stops interception and accepting on the HTTPS port; its idle connections close now. Proxy
   * tunnels are closed now too: the HTTP port's close would wait for them, and a tunnel's
   * keep-alive connection may idle for minutes.
   */
  beginClose(): void {
    for (const undo of [...this.#undo]) undo();
    for (const tunnel of this.#tunnels) tunnel.destroy();
    this.#server?.close();
    this.#server?.closeIdleConnections();
  }

  /** After the HTTP port has drained: the HTTPS port's remaining connections are closed. */
  endClose(): void {
    this.#server?.closeAllConnections();
  }
}
