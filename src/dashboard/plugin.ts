import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../shared/url.js';

export interface DashboardOptions {
  /** The folder of the page's own files (index.html, the scripts, the style sheet). */
  assets: URL;
}

/** Where the page is served; its files are under UI_PATH. */
export const UI_PATH = '/__mock/ui';

/**
 * Scripts and styles only from this origin and never inline; images from anywhere over http(s),
 * for the accounts' FaceUrl thumbnails; no plugin, no frame, no form posted elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The UI library's ES modules, served as the packages ship them. hooks imports the bare name
 * `preact`, which a browser cannot resolve without an import map (an inline script, which the
 * policy forbids), so it is pointed at the served file instead.
 */
const VENDOR: Readonly<Record<string, string>> = { 'preact.js': 'preact', 'hooks.js': 'preact/hooks', 'htm.js': 'htm' };

interface Asset {
  type: string;
  body: Buffer;
}

const asAsset = (name: string, body: Buffer): Asset => ({ type: TYPES[extname(name)] ?? 'application/octet-stream', body });

async function readVendor(specifier: string): Promise<Buffer> {
  const text = await readFile(new URL(import.meta.resolve(specifier)), 'utf8');
  // The source maps are not served: a browser would ask for them only with its tools open.
  return Buffer.from(text.replace(/from\s*"preact"/g, 'from"./preact.js"').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
}

/**
 * The dashboard: one static page at `/` and UI_PATH, built on the public /__mock API only.
 * Its files are read on their first request and kept, so the emulator's start reads none of
 * them and the /v4 routes are untouched. The page and its files need no mock token: the page
 * asks for it and sends it on its /__mock calls.
 *
 * Not @fastify/static: loading it (with send and its other modules) would lengthen every start,
 * and the UI library's files must be rewritten as they are served (the `preact` imports above),
 * which a static file server does not do.
 */
export async function dashboardPlugin(app: FastifyInstance, { assets }: DashboardOptions): Promise<void> {
  const cache = new Map<string, Promise<Asset>>();
  let own: Promise<ReadonlySet<string>> | undefined;

  /** Whether the name is a file the page has, so that only those are read and kept. */
  const known = async (name: string, vendor: boolean): Promise<boolean> => {
    if (vendor) return Object.hasOwn(VENDOR, name);
    own ??= readdir(assets).then(
      (names) => new Set(names),
      (error: unknown) => {
        own = undefined;
        throw error;
      },
    );
    return (await own).has(name);
  };

  const read = (name: string, vendor: boolean): Promise<Asset> => {
    const key = `${vendor ? 'vendor/' : ''}${name}`;
    let pending = cache.get(key);
    if (pending === undefined) {
      const body = vendor ? readVendor(VENDOR[name] as string) : readFile(new URL(name, assets));
      // A failed read is not kept: the next request tries again.
      pending = body.then(
        (bytes) => asAsset(name, bytes),
        (error: unknown) => {
          cache.delete(key);
          throw error;
        },
      );
      cache.set(key, pending);
    }
    return pending;
  };

  const serve = async (reply: FastifyReply, url: string, name: string, vendor = false) => {
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache');
    if (!(await known(name, vendor))) {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no dashboard file ${pathOf(url)}` });
    }
    const asset = await read(name, vendor);
    return reply.type(asset.type).send(asset.body);
  };

  const hidden = { schema: { hide: true } };
  const page = (request: FastifyRequest, reply: FastifyReply) => serve(reply, request.url, 'index.html');
  app.get('/', hidden, page);
  app.get(UI_PATH, hidden, page);
  app.get(`${UI_PATH}/`, hidden, page);
  app.get<{ Params: { file: string } }>(`${UI_PATH}/:file`, hidden, (request, reply) => serve(reply, request.url, request.params.file));
  app.get<{ Params: { file: string } }>(`${UI_PATH}/vendor/:file`, hidden, (request, reply) =>
    serve(reply, request.url, request.params.file, true),
  );
}
