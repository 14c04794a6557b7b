import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpFetcher,
  DEFAULT_USER_AGENT,
  type FetchFunction,
  type HttpFetcherOptions,
} from '../../functions/adapters/http-fetch';
import { SourceFetchError } from '../../functions/core/errors';
import type { FetchResult, SourceDescriptor } from '../../functions/core/ports';

type Handler = (res: ServerResponse, hit: number, headers: IncomingHttpHeaders) => void;

const HTML = { 'content-type': 'text/html; charset=utf-8' };

let server: Server;
let base: string;
const handlers = new Map<string, Handler>();
const requests = new Map<string, IncomingHttpHeaders[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const seen = requests.get(path) ?? [];
    seen.push(req.headers);
    requests.set(path, seen);
    const handler = handlers.get(path);
    if (handler === undefined) {
      res.writeHead(599).end();
      return;
    }
    handler(res, seen.length, req.headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // The never-answering routes hold sockets open; close() alone would wait for them.
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Registers a route and returns a source pointing at it. */
function route(path: string, handler: Handler): SourceDescriptor {
  handlers.set(path, handler);
  return { id: `test${path.replaceAll('/', '-')}`, url: `${base}${path}` };
}

function hits(path: string): IncomingHttpHeaders[] {
  return requests.get(path) ?? [];
}

function localFetcher(overrides: Partial<HttpFetcherOptions> = {}) {
  const sleeps: number[] = [];
  const fetcher = createHttpFetcher({
    allowedHosts: ['127.0.0.1'],
    allowInsecureHttpFor: ['127.0.0.1'],
    // The test server is on the loopback address, which the default policy refuses.
    addressPolicy: () => null,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { fetcher, sleeps };
}

async function rejection(promise: Promise<FetchResult>): Promise<SourceFetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFetchError);
  return error as SourceFetchError;
}

function page(result: FetchResult) {
  if (result.kind !== 'page') throw new Error(`expected a page, found ${result.kind}`);
  return result.page;
}

describe('createHttpFetcher against a local server', () => {
  it('reads a 200 HTML page with polite headers and returns its validators', async () => {
    const source = route('/ok', (res) => {
      res.writeHead(200, { ...HTML, etag: '"v1"', 'last-modified': 'Tue, 01 Jul 2025 10:00:00 GMT' });
      res.end('<html><body>Hankkeet – Pääsy</body></html>');
    });
    const { fetcher } = localFetcher();

    const result = page(await fetcher.fetch(source, null));

    expect(result).toEqual({
      body: '<html><body>Hankkeet – Pääsy</body></html>',
      url: source.url,
      etag: '"v1"',
      lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT',
    });
    const [headers] = hits('/ok');
    expect(headers?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(headers?.accept).toBe(
      'text/html,application/xhtml+xml,application/rss+xml;q=0.9,application/atom+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8',
    );
    expect(headers?.['accept-language']).toBe('fi, sv;q=0.8, en;q=0.5');
    expect(headers?.['if-none-match']).toBeUndefined();
    expect(headers?.['if-modified-since']).toBeUndefined();
  });

  it('decodes the charset the Content-Type names', async () => {
    const source = route('/latin1', (res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
      res.end(Buffer.from('<p>Sisäministeriö</p>', 'latin1'));
    });
    const { fetcher } = localFetcher();

    expect(page(await fetcher.fetch(source, null)).body).toBe('<p>Sisäministeriö</p>');
  });

  it('sends the validators and returns not-modified on 304', async () => {
    const source = route('/cond', (res, _hit, headers) => {
      if (headers['if-none-match'] === '"v7"') res.writeHead(304, { etag: '"v7"' }).end();
      else res.writeHead(200, HTML).end('<p>new</p>');
    });
    const { fetcher } = localFetcher();

    const result = await fetcher.fetch(source, {
      etag: '"v7"',
      lastModified: 'Wed, 02 Jul 2025 08:00:00 GMT',
    });

    expect(result).toEqual({ kind: 'not-modified' });
    expect(hits('/cond')[0]?.['if-none-match']).toBe('"v7"');
    expect(hits('/cond')[0]?.['if-modified-since']).toBe('Wed, 02 Jul 2025 08:00:00 GMT');
  });

  it('retries 503, 503 and succeeds on the third attempt with jittered backoff', async () => {
    const source = route('/flaky', (res, hit) => {
      if (hit < 3) res.writeHead(503).end('busy');
      else res.writeHead(200, HTML).end('<p>ok</p>');
    });
    const { fetcher, sleeps } = localFetcher({ random: () => 0.999 });

    expect(page(await fetcher.fetch(source, null)).body).toBe('<p>ok</p>');

    expect(hits('/flaky')).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    // Full jitter: retry n waits in [0, min(8000, 500 * 2^(n-1))).
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(500 * 2 ** i);
    });
    expect(sleeps).toEqual([Math.floor(0.999 * 500), Math.floor(0.999 * 1000)]);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const source = route('/throttled', (res, hit) => {
      if (hit === 1) res.writeHead(429, { 'retry-after': '2' }).end();
      else res.writeHead(200, HTML).end('<p>ok</p>');
    });
    const { fetcher, sleeps } = localFetcher();

    expect(page(await fetcher.fetch(source, null)).body).toBe('<p>ok</p>');
    expect(sleeps).toEqual([2000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const clock = Date.UTC(2025, 6, 1, 12, 0, 0);
    const source = route('/throttled-date', (res, hit) => {
      if (hit === 1) res.writeHead(503, { 'retry-after': new Date(clock + 5000).toUTCString() }).end();
      else res.writeHead(200, HTML).end('<p>ok</p>');
    });
    const { fetcher, sleeps } = localFetcher({ now: () => clock });

    await fetcher.fetch(source, null);
    expect(sleeps).toEqual([5000]);
  });

  it('gives up when Retry-After asks for longer than it will wait', async () => {
    const source = route('/throttled-long', (res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const { fetcher, sleeps } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain('120 s');
    expect(sleeps).toEqual([]);
    expect(hits('/throttled-long')).toHaveLength(1);
  });

  it('fails with a retryable error after 4 attempts of 500', async () => {
    const source = route('/down', (res) => res.writeHead(500).end());
    const { fetcher, sleeps } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.sourceId).toBe(source.id);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain(source.url);
    expect(error.message).toContain('4 attempts');
    expect(error.message).toContain('HTTP 500');
    expect(error.problem).toBe('unreachable');
    expect(hits('/down')).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it.each([
    [404, 'moved'],
    [410, 'moved'],
    [403, 'rejected'],
  ] as const)('does not retry %i, a problem of kind %s', async (status, problem) => {
    const path = `/status-${status}`;
    const source = route(path, (res) => res.writeHead(status).end());
    const { fetcher, sleeps } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.problem).toBe(problem);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(hits(path)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('rejects a too-large Content-Length before reading', async () => {
    const source = route('/big-declared', (res) => {
      res.writeHead(200, { ...HTML, 'content-length': '4096' });
      res.end('x'.repeat(4096));
    });
    const { fetcher } = localFetcher({ maxBodyBytes: 1024 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain('at most 1024 bytes, found Content-Length 4096');
  });

  it('aborts a chunked body without Content-Length once it passes the limit', async () => {
    const source = route('/endless', (res) => {
      res.writeHead(200, HTML);
      const chunk = Buffer.alloc(1024, 'a');
      let sent = 0;
      // Would stream 64 MB; the test finishing quickly shows the client stopped reading.
      const pump = () => {
        while (!res.destroyed && sent < 65_536 && res.write(chunk)) sent++;
        if (!res.destroyed && sent < 65_536) res.once('drain', pump);
        else if (!res.destroyed) res.end();
      };
      pump();
    });
    const { fetcher } = localFetcher({ maxBodyBytes: 10_000 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain(source.id);
    expect(error.message).toMatch(/expected at most 10000 bytes, found at least \d+ while reading/);
  });

  it("follows a relative redirect to one of the source's own addresses and reports the final URL", async () => {
    route('/new-home', (res) => res.writeHead(200, HTML).end('<p>moved</p>'));
    const source = route('/old-home', (res) => res.writeHead(301, { location: '/new-home' }).end());
    const { fetcher } = localFetcher();

    const result = page(await fetcher.fetch({ ...source, alternateUrls: [`${base}/new-home/`] }, null));

    expect(result.body).toBe('<p>moved</p>');
    expect(result.url).toBe(`${base}/new-home`);
  });

  it('reports a redirect to any other page as moved, permanent, without reading it', async () => {
    route('/elsewhere', (res) => res.writeHead(200, HTML).end('<p>another page</p>'));
    const source = route('/was-here', (res) => res.writeHead(301, { location: '/elsewhere' }).end());
    const { fetcher, sleeps } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.problem).toBe('moved');
    expect(error.message).toBe(
      `${source.id}: GET ${source.url}: expected the page at its own address, found a redirect to ${base}/elsewhere: the page has moved`,
    );
    expect(sleeps).toEqual([]);
  });

  it('refuses a redirect to a host outside the allowlist', async () => {
    const source = route('/offsite', (res) =>
      res.writeHead(302, { location: 'https://evil.example.org/phish' }).end(),
    );
    const { fetcher, sleeps } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain('found evil.example.org');
    expect(error.message).toContain('allowlist (127.0.0.1)');
    expect(hits('/offsite')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops after 5 redirects', async () => {
    const source = route('/loop', (res) => res.writeHead(307, { location: '/loop' }).end());
    const { fetcher } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('at most 5 redirects');
    expect(hits('/loop')).toHaveLength(6);
  });

  it('refuses a non-HTML content type', async () => {
    const source = route('/pdf', (res) =>
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF'),
    );
    const { fetcher } = localFetcher();

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain(
      'expected text/html or application/xhtml+xml (or a feed: RSS, Atom, XML), found "application/pdf"',
    );
    expect(hits('/pdf')).toHaveLength(1);
  });

  it('reads a feed served as application/rss+xml (a listing, docs/discovery.md)', async () => {
    const rss =
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tiedotteet</title></channel></rss>';
    const source = route('/rss', (res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml;charset=UTF-8' }).end(rss),
    );
    const { fetcher } = localFetcher();

    expect(page(await fetcher.fetch(source, null)).body).toBe(rss);
  });

  it('times out on a server that never answers and says so in a retryable error', async () => {
    const source = route('/silent', () => undefined);
    const { fetcher, sleeps } = localFetcher({ timeoutMs: 100 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain('no complete response within 100 ms');
    expect(hits('/silent')).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('times out on a body that stalls after the headers', async () => {
    const source = route('/stall', (res) => {
      res.writeHead(200, HTML);
      res.write('<p>half');
    });
    const { fetcher } = localFetcher({ timeoutMs: 100, maxRetries: 0 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no complete response within 100 ms');
  });

  it('stops retrying when the next attempt would pass the deadline', async () => {
    let clock = 1_000_000;
    const source = route('/deadline', (res) => res.writeHead(502).end());
    const { fetcher, sleeps } = localFetcher({
      now: () => clock,
      deadline: clock + 1000,
      random: () => 0.99,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });

    const error = await rejection(fetcher.fetch(source, null));

    // Waits 495 ms after attempt 1; attempt 3 would start 495 + 990 ms in, past the 1000 ms deadline.
    expect(sleeps).toEqual([495]);
    expect(hits('/deadline')).toHaveLength(2);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(source.id);
    expect(error.message).toContain('deadline');
    expect(error.message).toContain('HTTP 502');
  });

  it('gives up at once when Retry-After would pass the deadline', async () => {
    const clock = 2_000_000;
    const source = route('/deadline-retry-after', (res) => res.writeHead(429, { 'retry-after': '10' }).end());
    const { fetcher, sleeps } = localFetcher({ now: () => clock, deadline: clock + 5000 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('deadline');
    expect(sleeps).toEqual([]);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { fetcher, sleeps } = localFetcher({ maxRetries: 1 });

    const error = await rejection(fetcher.fetch({ id: 'refused', url: `http://127.0.0.1:${port}/` }, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('refused');
    expect(error.message).toContain('ECONNREFUSED');
    expect(sleeps).toHaveLength(1);
  });
});

describe('createHttpFetcher with an injected fetch', () => {
  const html = (body: string, init: ResponseInit = {}) =>
    new Response(body, { status: 200, ...init, headers: { ...HTML, ...(init.headers as object) } });

  function spyFetch(respond: (url: string) => Response) {
    const calls: string[] = [];
    const fetch: FetchFunction = async (url, init) => {
      calls.push(url);
      expect(init.redirect).toBe('manual');
      return respond(url);
    };
    return { fetch, calls };
  }

  const source: SourceDescriptor = { id: 'intermin-amif', url: 'https://intermin.fi/amif' };

  it('reads https pages on allowed hosts', async () => {
    const { fetch, calls } = spyFetch(() => html('<p>ok</p>'));
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch });

    expect(page(await fetcher.fetch(source, null)).url).toBe('https://intermin.fi/amif');
    expect(calls).toEqual(['https://intermin.fi/amif']);
  });

  it('refuses a plain http URL without contacting it', async () => {
    const { fetch, calls } = spyFetch(() => html('<p>ok</p>'));
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch });

    const error = await rejection(fetcher.fetch({ id: 'plain', url: 'http://intermin.fi/amif' }, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('plain');
    expect(error.message).toContain('expected an https URL, found http:');
    expect(calls).toEqual([]);
  });

  it('refuses a source URL on a host outside the allowlist', async () => {
    const { fetch, calls } = spyFetch(() => html('<p>ok</p>'));
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi', 'migri.fi'], fetch });

    const error = await rejection(fetcher.fetch({ id: 'other', url: 'https://example.com/' }, null));

    expect(error.message).toContain('allowlist (intermin.fi, migri.fi), found example.com');
    expect(calls).toEqual([]);
  });

  it('refuses a redirect that downgrades to http', async () => {
    const { fetch, calls } = spyFetch(
      () => new Response(null, { status: 301, headers: { location: 'http://intermin.fi/amif' } }),
    );
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('intermin-amif');
    expect(error.message).toContain('expected an https URL, found http:');
    expect(calls).toHaveLength(1);
  });

  it('enforces the size limit even when Content-Length understates the body', async () => {
    const { fetch } = spyFetch(() => html('x'.repeat(50_000), { headers: { 'content-length': '10' } }));
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch, maxBodyBytes: 1000 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/expected at most 1000 bytes, found at least \d+ while reading/);
    expect(error.message).toContain('Content-Length said 10');
  });

  it('turns an injected network fault into a retryable error carrying the cause', async () => {
    const fault = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
    });
    const fetcher = createHttpFetcher({
      allowedHosts: ['intermin.fi'],
      fetch: async () => {
        throw fault;
      },
      sleep: async () => undefined,
    });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ENOTFOUND');
    expect(error.cause).toBe(fault);
  });

  it('fails before the first attempt when the deadline has passed', async () => {
    const { fetch, calls } = spyFetch(() => html('<p>ok</p>'));
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch, deadline: Date.now() - 1 });

    const error = await rejection(fetcher.fetch(source, null));

    expect(error.retryable).toBe(true);
    expect(error.message).toContain('deadline reached before attempt 1');
    expect(calls).toEqual([]);
  });
});

describe('createHttpFetcher: only port 443 of an allowed host, only public addresses', () => {
  const source: SourceDescriptor = { id: 'intermin-amif', url: 'https://intermin.fi/amif' };
  const ok = () => new Response('<p>ok</p>', { status: 200, headers: HTML });

  it('refuses a redirect to another port of an allowed host, without following it', async () => {
    const calls: string[] = [];
    const fetch: FetchFunction = async (url) => {
      calls.push(url);
      return calls.length === 1
        ? new Response(null, { status: 302, headers: { location: 'https://intermin.fi:8443/admin' } })
        : ok();
    };
    const error = await rejection(
      createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch }).fetch(source, null),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'intermin-amif: GET https://intermin.fi/amif: redirect (HTTP 302) to https://intermin.fi:8443/admin: expected port 443 of intermin.fi, found port 8443',
    );
    expect(calls).toEqual(['https://intermin.fi/amif']);
  });

  it('accepts an explicit :443, which is the same URL', async () => {
    const fetcher = createHttpFetcher({ allowedHosts: ['intermin.fi'], fetch: async () => ok() });
    const result = await fetcher.fetch({ id: 's', url: 'https://intermin.fi:443/amif' }, null);
    expect(page(result).url).toBe('https://intermin.fi/amif');
  });

  it('refuses an allowed host written as a private or loopback address literal', async () => {
    for (const [host, reason] of [
      ['10.0.0.5', '10.0.0.5 is in the private range 10.0.0.0/8'],
      ['[::1]', '::1 is in the loopback range ::1/128'],
      [
        '[::ffff:169.254.169.254]',
        '169.254.169.254 is in the link-local range 169.254.0.0/16 (carried in ::ffff:a9fe:a9fe)',
      ],
    ] as const) {
      const fetcher = createHttpFetcher({ allowedHosts: [host], fetch: async () => ok() });
      const error = await rejection(fetcher.fetch({ id: 's', url: `https://${host}/` }, null));
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(`source URL: expected a public address, found ${reason}`);
    }
  });

  it('refuses, without connecting, an allowed host name that resolves to a loopback, private or link-local address', async () => {
    const cases = [
      [[{ address: '127.0.0.1', family: 4 }], '127.0.0.1 is in the loopback range 127.0.0.0/8'],
      [[{ address: '192.168.10.1', family: 4 }], '192.168.10.1 is in the private range 192.168.0.0/16'],
      [[{ address: 'fd12:3456::1', family: 6 }], 'fd12:3456::1 is in the unique-local range fc00::/7'],
      [[{ address: 'fe80::1', family: 6 }], 'fe80::1 is in the link-local range fe80::/10'],
      [
        [{ address: '::ffff:10.1.2.3', family: 6 }],
        '10.1.2.3 is in the private range 10.0.0.0/8 (carried in ::ffff:10.1.2.3)',
      ],
      // One forbidden address among public ones is enough: the socket may pick any of them.
      [
        [
          { address: '93.184.215.14', family: 4 },
          { address: '169.254.169.254', family: 4 },
        ],
        '169.254.169.254 is in the link-local range 169.254.0.0/16',
      ],
    ] as const;
    for (const [addresses, reason] of cases) {
      const looked: string[] = [];
      const fetcher = createHttpFetcher({
        allowedHosts: ['intermin.fi'],
        resolver: async (hostname) => {
          looked.push(hostname);
          return addresses;
        },
        sleep: async () => undefined,
      });
      const error = await rejection(fetcher.fetch(source, null));
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        `intermin-amif: GET https://intermin.fi/amif: expected intermin.fi to resolve to a public address, found ${reason}; not connected`,
      );
      // Refused on the first attempt: a forbidden address is not retried.
      expect(looked).toEqual(['intermin.fi']);
    }
  });

  it('checks the addresses of the connection it makes: a resolver-given address is the one connected to', async () => {
    const source = route('/via-resolver', (res) => res.writeHead(200, HTML).end('<p>resolved</p>'));
    const port = new URL(source.url).port;
    const looked: string[] = [];
    const options = {
      allowedHosts: ['harvest.test'],
      allowInsecureHttpFor: ['harvest.test'],
      resolver: async (hostname: string) => {
        looked.push(hostname);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    };
    const named = { id: 's', url: `http://harvest.test:${port}/via-resolver` };
    // The default policy refuses the loopback address the name resolves to …
    const refused = await rejection(createHttpFetcher(options).fetch(named, null));
    expect(refused.message).toContain('expected harvest.test to resolve to a public address');
    expect(hits('/via-resolver')).toHaveLength(0);
    // … and a policy that allows it connects there: the request reached this test's server.
    const allowed = createHttpFetcher({
      ...options,
      addressPolicy: (a) => (a === '127.0.0.1' ? null : 'no'),
    });
    expect(page(await allowed.fetch(named, null)).body).toBe('<p>resolved</p>');
    expect(hits('/via-resolver')).toHaveLength(1);
    expect(looked).toEqual(['harvest.test', 'harvest.test']);
  });
});

describe('createHttpFetcher: charset and compression', () => {
  const latin1Page = (head: string) =>
    Buffer.from(`<html><head>${head}</head><body><p>Sisäministeriö</p></body></html>`, 'latin1');

  it('decodes by <meta charset> when the Content-Type names no charset', async () => {
    const source = route('/meta-charset', (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(latin1Page('<meta charset="ISO-8859-1">'));
    });
    const { body } = page(await localFetcher().fetcher.fetch(source, null));
    expect(body).toContain('<p>Sisäministeriö</p>');
  });

  it('decodes by <meta http-equiv="Content-Type"> and reads windows-1252 bytes such as the euro sign', async () => {
    const source = route('/meta-http-equiv', (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        Buffer.concat([
          latin1Page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'),
          Buffer.from([0x31, 0x20, 0x80]),
        ]),
      );
    });
    const { body } = page(await localFetcher().fetcher.fetch(source, null));
    expect(body).toContain('<p>Sisäministeriö</p>');
    expect(body.endsWith('1 €')).toBe(true);
  });

  it('lets a byte order mark win over the header and the <meta>', async () => {
    const source = route('/bom', (res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      res.end(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="latin1">ä', 'utf8')]),
      );
    });
    expect(page(await localFetcher().fetcher.fetch(source, null)).body).toBe('<meta charset="latin1">ä');
  });

  it('reads a gzip-compressed body and counts the limit on the decompressed bytes', async () => {
    const { gzipSync } = await import('node:zlib');
    const body = `<p>${'Sisäministeriö '.repeat(2000)}</p>`;
    const source = route('/gzip', (res) => {
      res.writeHead(200, { ...HTML, 'content-encoding': 'gzip' });
      res.end(gzipSync(body));
    });
    expect(page(await localFetcher().fetcher.fetch(source, null)).body).toBe(body);
    const error = await rejection(localFetcher({ maxBodyBytes: 10_000 }).fetcher.fetch(source, null));
    expect(error.message).toContain('expected at most 10000 bytes, found at least');
  });
});
