import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readObjectMeta, unsafeKeyReason } from '../adapters/dir-objects';
import { CACHE_LATEST, CONTENT_TYPES } from '../core/render/output-file';
import { UsageError } from './usage-error';

export const SERVE_USAGE = `Usage: npm run serve -- [--out DIR] [--port N] [--host HOST]

Serves the published feed (default: out/) at http://localhost:8080 with the same
Content-Type and Cache-Control headers as production.`;

/** Fallback types for files written without a header sidecar (e.g. copied by hand). */
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.html': CONTENT_TYPES.html,
  '.json': CONTENT_TYPES.json,
  '.csv': CONTENT_TYPES.csv,
  '.ttl': CONTENT_TYPES.turtle,
  '.jsonld': CONTENT_TYPES.jsonld,
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

export function startServer(root: string, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let key = path.replace(/^\/+/, '');
    if (key === '' || key.endsWith('/')) key += 'index.html';
    if (unsafeKeyReason(key)) {
      res.writeHead(400, SECURITY_HEADERS).end('bad path');
      return;
    }
    const file = join(root, key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res
        .writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
        .end('not found');
      return;
    }
    const meta = await readObjectMeta(root, key);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': meta?.contentType ?? TYPES_BY_EXTENSION[extname(key)] ?? 'application/octet-stream',
      'cache-control': meta?.cacheControl ?? CACHE_LATEST,
      'content-length': info.size,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
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
