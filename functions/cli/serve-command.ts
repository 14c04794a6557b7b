import { constants } from 'node:fs';
import { type FileHandle, open, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { readObjectMeta, unsafeKeyReason } from '../adapters/dir-objects';
import { CACHE_LATEST, CONTENT_TYPES } from '../core/render/output-file';
import { UsageError } from './usage-error';

export const SERVE_USAGE = `Usage: npm run serve -- [--out DIR] [--port N] [--host HOST]

Serves the published feed (default: out/) at http://localhost:8080 with the same
Content-Type and Cache-Control headers as production.`;

/** Fallback types for files the manifest does not list (e.g. copied by hand). */
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.html': CONTENT_TYPES.html,
  '.json': CONTENT_TYPES.json,
  '.csv': CONTENT_TYPES.csv,
  '.ttl': CONTENT_TYPES.turtle,
  '.jsonld': CONTENT_TYPES.jsonld,
  '.jsonl': CONTENT_TYPES.jsonl,
  '.atom': CONTENT_TYPES.atom,
  '.css': CONTENT_TYPES.css,
  '.js': CONTENT_TYPES.js,
  '.svg': CONTENT_TYPES.svg,
  '.png': 'image/png',
};

/** CloudFront's response-headers policy, repeated so local pages behave as in production. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

export interface ServerOptions {
  /** How an opened file is streamed; tests pass one that fails midway. */
  readonly stream?: (file: FileHandle) => Readable;
}

type Resolved =
  | { readonly kind: 'file'; readonly key: string; readonly handle: FileHandle; readonly size: number }
  | { readonly kind: 'error'; readonly status: 400 | 404; readonly text: string };

const NOT_FOUND: Resolved = { kind: 'error', status: 404, text: 'not found' };

/** The object key a request path names, or null when the path is malformed or unsafe. */
function keyOf(url: string | undefined): string | null {
  let path: string;
  try {
    // A malformed escape such as /%E0%A4%A throws URIError: a bad request, not a crash.
    path = decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
  let key = path.replace(/^\/+/, '');
  if (key === '' || key.endsWith('/')) key += 'index.html';
  return unsafeKeyReason(key) ? null : key;
}

/**
 * Opens the file a key names, only if it really lies inside the published directory: the path is
 * resolved with every symlink followed and must stay under the root's own real path, and the file
 * is then opened without following a symlink, so a link to /etc/passwd (or to a directory outside)
 * is not served even if it is swapped in between.
 */
async function openInside(realRoot: string, key: string): Promise<Resolved> {
  let real: string;
  try {
    real = await realpath(join(realRoot, key));
  } catch {
    return NOT_FOUND;
  }
  if (!real.startsWith(`${realRoot}${sep}`)) return NOT_FOUND;
  let handle: FileHandle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return NOT_FOUND;
  }
  const info = await handle.stat().catch(() => null);
  if (!info?.isFile()) {
    await handle.close();
    return NOT_FOUND;
  }
  return { kind: 'file', key, handle, size: info.size };
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  realRoot: string,
  options: ServerOptions,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
    return;
  }
  const key = keyOf(req.url);
  const found: Resolved =
    key === null ? { kind: 'error', status: 400, text: 'bad path' } : await openInside(realRoot, key);
  if (found.kind === 'error') {
    res
      .writeHead(found.status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
      .end(found.text);
    return;
  }
  const { handle } = found;
  try {
    const meta = await readObjectMeta(realRoot, found.key).catch(() => null);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type':
        meta?.contentType ?? TYPES_BY_EXTENSION[extname(found.key)] ?? 'application/octet-stream',
      'cache-control': meta?.cacheControl ?? CACHE_LATEST,
      'content-length': found.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const body = (options.stream ?? ((h: FileHandle) => h.createReadStream({ autoClose: false })))(handle);
    // pipeline() destroys the response when the file stream fails: the client sees a cut-off body
    // (its Content-Length is not met), never a wrong one, and the server goes on.
    await pipeline(body, res).catch(() => undefined);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The published directory over HTTP, as CloudFront serves the bucket: 400 for a malformed or
 * unsafe path, 404 for anything that is not a regular file inside the directory (symlinks leading
 * out included), 500 if answering fails; no request can stop the server.
 */
export async function startServer(
  root: string,
  port: number,
  host = '127.0.0.1',
  options: ServerOptions = {},
): Promise<Server> {
  const realRoot = await realpath(resolve(root)).catch(() => resolve(root));
  const server = createServer((req, res) => {
    respond(req, res, realRoot, options).catch(() => {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end('server error');
      else res.destroy();
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

export async function serveCommand(args: readonly string[], stderr: (s: string) => void): Promise<number> {
  let values: { out?: string; port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        out: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    stderr(SERVE_USAGE);
    return 0;
  }
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port expects 0-65535, found "${values.port}"`);
  const root = resolve(values.out ?? 'out');
  const server = await startServer(root, port, values.host ?? '127.0.0.1');
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  stderr(`Serving ${root} at http://localhost:${actual}/ (Ctrl-C to stop)`);
  await new Promise<void>((done) => {
    const stop = () => server.close(() => done());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
