import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { forbiddenAddressReason } from './address-policy';

/** The addresses a host name resolves to; tests inject their own. */
export type Resolver = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

/** Why an address must not be connected to, or null when it may. */
export type AddressPolicy = (address: string) => string | null;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The connection was refused because the host resolved to an address the policy forbids. */
export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
  readonly code = 'EFORBIDDENADDRESS';
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to a forbidden address: ${reason}`);
  }
}

/**
 * A `lookup` for net.connect that resolves with `resolver` and refuses the connection when any
 * address the host resolves to is forbidden. Checking here, on the addresses the socket is about
 * to use, rather than in a separate look-up before the request, leaves no window for DNS
 * rebinding (a second answer that differs from the first).
 */
export function guardedLookup(resolver: Resolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        const forbidden = usable.map((a) => policy(a.address)).find((r) => r !== null);
        if (usable.length === 0) {
          const error = Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
          callback(error, '', 0);
        } else if (forbidden !== undefined) {
          callback(new ForbiddenAddressError(hostname, forbidden), '', 0);
        } else if (options.all) {
          (callback as unknown as (e: null, all: { address: string; family: number }[]) => void)(null, [
            ...usable,
          ]);
        } else {
          callback(null, usable[0]!.address, usable[0]!.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function responseOf(res: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2)
    headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 0;
  if (NULL_BODY_STATUSES.has(status)) {
    res.resume();
    return new Response(null, { status, headers });
  }
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  let body: Readable = res;
  if (encoding !== '' && encoding !== 'identity') {
    const decoder = DECODERS[encoding];
    if (!decoder) throw new Error(`unsupported Content-Encoding "${encoding}"`);
    const decoded = decoder();
    res.on('error', (error) => decoded.destroy(error));
    body = res.pipe(decoded);
  }
  // Decoded, so the length no longer describes the body.
  headers.delete('content-encoding');
  if (body !== res) headers.delete('content-length');
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, headers });
}

/**
 * A WHATWG-style fetch on node:http(s) whose connections go through `guardedLookup`: the global
 * fetch (undici) offers no hook on the address it connects to. Only what the HTTP fetcher needs:
 * GET, manual redirects, an abort signal, gzip/deflate/br bodies.
 */
export function createGuardedFetch(
  options: { resolver?: Resolver; policy?: AddressPolicy } = {},
): (url: string, init: RequestInit) => Promise<Response> {
  const lookup = guardedLookup(options.resolver ?? systemResolver, options.policy ?? forbiddenAddressReason);
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const request = target.protocol === 'http:' ? httpRequest : httpsRequest;
      const headers = { ...(init.headers as Record<string, string>), 'Accept-Encoding': 'gzip, deflate, br' };
      const req = request(
        target,
        { method: init.method ?? 'GET', headers, lookup, signal: init.signal ?? undefined },
        (res) => {
          try {
            resolve(responseOf(res));
          } catch (error) {
            res.destroy();
            reject(error);
          }
        },
      );
      req.on('error', reject);
      req.end();
    });
}
