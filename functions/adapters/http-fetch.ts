import { isIP } from 'node:net';
import { ConfigError, type FetchProblem, SourceFetchError } from '../core/errors';
import type { ConditionalHeaders, FetchResult, PageFetcher, SourceDescriptor } from '../core/ports';
import { isSourceAddress } from '../core/source-address';
import { PAGE_LIMITS } from '../core/sources/page-limits';
import { forbiddenAddressReason } from './address-policy';
import { decodeHtml, encodingOf } from './decode-html';
import {
  type AddressPolicy,
  createGuardedFetch,
  ForbiddenAddressError,
  type Resolver,
} from './guarded-fetch';

/** The slice of WHATWG fetch the adapter uses; tests and fault injection pass their own. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpFetcherOptions {
  /** Hosts that may be contacted, matched exactly and case-insensitively (no subdomain wildcards), on port 443 only. */
  readonly allowedHosts: readonly string[];
  /** Hosts that may be reached over plain http, on any port; only for local test servers. Default: none. */
  readonly allowInsecureHttpFor?: readonly string[];
  readonly userAgent?: string;
  /**
   * Default: node:https with every connection's addresses checked by `addressPolicy` (see
   * guarded-fetch.ts). An injected fetch does its own connecting: only URL literals are checked.
   */
  readonly fetch?: FetchFunction;
  /** How host names are resolved for the default fetch. Default: the system resolver. */
  readonly resolver?: Resolver;
  /**
   * Which addresses may be connected to. Default: public ones only (no loopback, private,
   * link-local, unique-local…, see address-policy.ts). Tests of local servers pass `() => null`.
   */
  readonly addressPolicy?: AddressPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). Default: Math.random. */
  readonly random?: () => number;
  /** Clock in epoch ms for the deadline and Retry-After dates. Default: Date.now. */
  readonly now?: () => number;
  /** Epoch ms after which no attempt starts or runs (e.g. the Lambda's remaining time minus a margin). */
  readonly deadline?: number;
  /** Longest one attempt may take: the request, its redirects and the body. Default 20 000 ms. */
  readonly timeoutMs?: number;
  /** Default PAGE_LIMITS.maxBodyBytes (5 MB), counted on the decoded (decompressed) bytes. */
  readonly maxBodyBytes?: number;
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** A Retry-After longer than this gives up instead of waiting. Default 30 000 ms. */
  readonly maxRetryAfterMs?: number;
  readonly maxRedirects?: number;
}

export const DEFAULT_USER_AGENT =
  'amif-feed/0.1 (+https://github.com/amif-feed/amif-feed; open-data harvester)';

/** Pages, and the feeds that list releases (docs/discovery.md); anything else is refused unread. */
const PAGE_MEDIA_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
]);
const ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml;q=0.9,application/atom+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What one attempt ended with: a result, or a transient failure worth another attempt. */
type Attempt =
  | { readonly kind: 'done'; readonly result: FetchResult }
  | {
      readonly kind: 'retry';
      readonly found: string;
      readonly retryAfterMs: number | null;
      readonly cause?: unknown;
    };
type Retry = Extract<Attempt, { kind: 'retry' }>;

/** The fetcher's settings, defaulted and checked once when it is built. */
interface FetcherSettings {
  readonly allowedHosts: ReadonlySet<string>;
  /** The allowlist as error messages name it. */
  readonly allowedList: string;
  readonly insecureHosts: ReadonlySet<string>;
  readonly addressPolicy: AddressPolicy;
  readonly fetchFn: FetchFunction;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRetries: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly maxRetryAfterMs: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
}

/** One fetch of one source: where it starts and what it sends, the same for every attempt. */
interface PageRequest {
  readonly source: SourceDescriptor;
  readonly start: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether validators were sent, so that a 304 is an answer and not a server's mistake. */
  readonly conditionalSent: boolean;
}

function settingsOf(options: HttpFetcherOptions): FetcherSettings {
  const allowedHosts = new Set(options.allowedHosts.map(canonicalHost).filter(Boolean));
  if (allowedHosts.size === 0) {
    throw new ConfigError('http fetcher option allowedHosts: expected at least one host, found none');
  }
  const addressPolicy = options.addressPolicy ?? forbiddenAddressReason;
  return {
    allowedHosts,
    allowedList: [...allowedHosts].join(', '),
    insecureHosts: new Set((options.allowInsecureHttpFor ?? []).map((h) => h.trim().toLowerCase())),
    addressPolicy,
    fetchFn:
      options.fetch ??
      createGuardedFetch({
        policy: addressPolicy,
        ...(options.resolver ? { resolver: options.resolver } : {}),
      }),
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    deadline: options.deadline ?? Number.POSITIVE_INFINITY,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 20_000),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, PAGE_LIMITS.maxBodyBytes),
    maxRetries: nonNegativeInteger('maxRetries', options.maxRetries, 3),
    backoffBaseMs: positive('backoffBaseMs', options.backoffBaseMs, 500),
    backoffCapMs: positive('backoffCapMs', options.backoffCapMs, 8_000),
    maxRetryAfterMs: nonNegativeInteger('maxRetryAfterMs', options.maxRetryAfterMs, 30_000),
    maxRedirects: nonNegativeInteger('maxRedirects', options.maxRedirects, 5),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  };
}

export function createHttpFetcher(options: HttpFetcherOptions): PageFetcher {
  return new HttpFetcher(options);
}

/**
 * The live page fetcher: every URL (the source's, each redirect's) checked against the allowlist, the
 * scheme, the port and the address policy; transient failures retried with backoff within the deadline;
 * a body read up to its size limit and decoded. Its only state is its settings.
 */
export class HttpFetcher implements PageFetcher {
  private readonly settings: FetcherSettings;

  constructor(options: HttpFetcherOptions) {
    this.settings = settingsOf(options);
  }

  async fetch(source: SourceDescriptor, conditional: ConditionalHeaders | null): Promise<FetchResult> {
    const request = this.requestOf(source, conditional);
    const { deadline, now, timeoutMs } = this.settings;
    const attempts = this.settings.maxRetries + 1;
    let last: Retry | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const remaining = deadline - now();
      if (remaining <= 0) {
        const before = last === null ? '' : `; attempt ${attempt - 1} found ${last.found}`;
        throw transientFailure(source, `deadline reached before attempt ${attempt}${before}`, last?.cause);
      }
      const outcome = await this.attemptOnce(request, Math.max(1, Math.ceil(Math.min(timeoutMs, remaining))));
      if (outcome.kind === 'done') return outcome.result;
      last = outcome;
      if (attempt === attempts) break;
      await this.waitToRetry(source, outcome, attempt);
    }
    // The loop only falls through after the last attempt, which always sets `last`.
    throw transientFailure(
      source,
      `expected HTTP 200 or 304, gave up after ${attempts} attempts; the last found ${last?.found}`,
      last?.cause,
    );
  }

  /** The source's URL, checked, and the headers every attempt sends. */
  private requestOf(source: SourceDescriptor, conditional: ConditionalHeaders | null): PageRequest {
    let start: URL;
    try {
      start = new URL(source.url);
    } catch (error) {
      throw permanentFailure(source, `expected an absolute URL, found "${source.url}"`, error);
    }
    this.checkUrl(source, start, 'source URL');
    const headers: Record<string, string> = {
      'User-Agent': this.settings.userAgent,
      Accept: ACCEPT,
      'Accept-Language': 'fi, sv;q=0.8, en;q=0.5',
    };
    if (conditional?.etag) headers['If-None-Match'] = conditional.etag;
    if (conditional?.lastModified) headers['If-Modified-Since'] = conditional.lastModified;
    const conditionalSent = 'If-None-Match' in headers || 'If-Modified-Since' in headers;
    return { source, start, headers, conditionalSent };
  }

  /** Sleeps before the next attempt, or gives up when the server or the deadline leaves no time for it. */
  private async waitToRetry(source: SourceDescriptor, outcome: Retry, attempt: number): Promise<void> {
    const { maxRetryAfterMs, backoffCapMs, backoffBaseMs, deadline } = this.settings;
    if (outcome.retryAfterMs !== null && outcome.retryAfterMs > maxRetryAfterMs) {
      // Waiting less than the server asked would be impolite; the next scheduled run tries again.
      throw transientFailure(
        source,
        `expected HTTP 200, found ${outcome.found} asking to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s ` +
          `(Retry-After), longer than the ${maxRetryAfterMs / 1000} s this run waits`,
        outcome.cause,
      );
    }
    const delay =
      outcome.retryAfterMs ??
      Math.floor(this.settings.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1)));
    if (this.settings.now() + delay >= deadline) {
      throw transientFailure(
        source,
        `expected HTTP 200, found ${outcome.found} on attempt ${attempt}; gave up because the next ` +
          `attempt (in ${delay} ms) would start past the deadline`,
        outcome.cause,
      );
    }
    await this.settings.sleep(delay);
  }

  private checkUrl(source: SourceDescriptor, url: URL, what: string): void {
    const { insecureHosts, allowedHosts, allowedList, addressPolicy } = this.settings;
    const host = url.hostname.toLowerCase();
    const insecureAllowed = url.protocol === 'http:' && insecureHosts.has(host);
    if (url.protocol !== 'https:' && !insecureAllowed) {
      throw permanentFailure(source, `${what}: expected an https URL, found ${url.protocol} in ${url.href}`);
    }
    if (!allowedHosts.has(host)) {
      throw permanentFailure(
        source,
        `${what}: expected a host in the allowlist (${allowedList}), found ${host}`,
      );
    }
    if (url.protocol === 'https:' && url.port !== '') {
      throw permanentFailure(source, `${what}: expected port 443 of ${host}, found port ${url.port}`);
    }
    // Host names are checked on the addresses they resolve to, when connecting; literals here.
    const literal = host.replace(/^\[|\]$/g, '');
    const forbidden = isIP(literal) === 0 ? null : addressPolicy(literal);
    if (forbidden !== null) {
      throw permanentFailure(source, `${what}: expected a public address, found ${forbidden}`);
    }
  }

  /** One attempt: the request and its redirects, under one timer for the whole of it, body included. */
  private async attemptOnce(request: PageRequest, budgetMs: number): Promise<Attempt> {
    // The signal also destroys the response stream.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, budgetMs);
    let url = request.start;
    try {
      for (let hop = 0; ; hop++) {
        const response = await this.settings.fetchFn(url.href, {
          method: 'GET',
          headers: request.headers,
          redirect: 'manual',
          signal: controller.signal,
        });
        const answer = await this.answer(request, url, response, hop);
        if (answer instanceof URL) url = answer;
        else return answer;
      }
    } catch (error) {
      if (error instanceof SourceFetchError) throw error;
      return this.failedAttempt(request, url, error, timedOut ? budgetMs : null);
    } finally {
      clearTimeout(timer);
    }
  }

  /** What a response means: the next URL of a redirect, the page, not modified, or a retry; or a throw. */
  private async answer(
    request: PageRequest,
    url: URL,
    response: Response,
    hop: number,
  ): Promise<Attempt | URL> {
    const { source, start } = request;
    const status = response.status;
    const from = url.href === start.href ? '' : ` from ${url.href}`;
    if (REDIRECT_STATUSES.has(status)) return this.redirect(source, url, response, hop, from);
    if (status === 200) {
      if (url.href !== start.href && !isSourceAddress(source, url.href)) {
        await discard(response);
        throw permanentFailure(
          source,
          `expected the page at its own address, found a redirect to ${url.href}: the page has moved`,
          undefined,
          'moved',
        );
      }
      return {
        kind: 'done',
        result: { kind: 'page', page: await this.readPage(source, start, url, response) },
      };
    }
    await discard(response);
    if (status === 304) {
      if (!request.conditionalSent) {
        throw permanentFailure(
          source,
          `expected HTTP 200, found HTTP 304${from} to a request without validators`,
        );
      }
      return { kind: 'done', result: { kind: 'not-modified' } };
    }
    if (status === 429 || (status >= 500 && status <= 599)) {
      return {
        kind: 'retry',
        found: `HTTP ${status}${from}`,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.settings.now()),
      };
    }
    if (status === 404 || status === 410) {
      throw permanentFailure(
        source,
        `expected HTTP 200, found HTTP ${status}${from}: the page is gone`,
        undefined,
        'moved',
      );
    }
    throw permanentFailure(source, `expected HTTP 200 or 304, found HTTP ${status}${from}`);
  }

  /** The checked URL a redirect points at. */
  private async redirect(source: SourceDescriptor, url: URL, response: Response, hop: number, from: string) {
    const status = response.status;
    await discard(response);
    const location = response.headers.get('location');
    if (location === null) {
      throw permanentFailure(source, `expected a Location header with HTTP ${status}${from}, found none`);
    }
    if (hop >= this.settings.maxRedirects) {
      throw permanentFailure(
        source,
        `expected at most ${this.settings.maxRedirects} redirects, found more (next Location ${location}${from})`,
      );
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch (error) {
      throw permanentFailure(source, `expected a valid redirect Location${from}, found "${location}"`, error);
    }
    this.checkUrl(source, next, `redirect (HTTP ${status}${from}) to ${next.href}`);
    return next;
  }

  /** An attempt that threw below HTTP: a forbidden address is refused, a timeout or network error retried. */
  private failedAttempt(
    request: PageRequest,
    url: URL,
    error: unknown,
    timedOutAfterMs: number | null,
  ): Retry {
    const at = url.href === request.start.href ? '' : ` from ${url.href}`;
    const forbidden = forbiddenAddressIn(error);
    if (forbidden) {
      throw permanentFailure(
        request.source,
        `expected ${forbidden.hostname}${at} to resolve to a public address, found ${forbidden.reason}; not connected`,
        error,
      );
    }
    if (timedOutAfterMs !== null) {
      const { timeoutMs } = this.settings;
      const limit =
        timedOutAfterMs < timeoutMs
          ? `before the deadline (${timedOutAfterMs} ms left)`
          : `within ${timeoutMs} ms`;
      return { kind: 'retry', found: `no complete response${at} ${limit}`, retryAfterMs: null, cause: error };
    }
    return {
      kind: 'retry',
      found: `a network error${at}: ${describe(error)}`,
      retryAfterMs: null,
      cause: error,
    };
  }

  private async readPage(source: SourceDescriptor, start: URL, url: URL, response: Response) {
    const from = url.href === start.href ? '' : ` (from ${url.href})`;
    const contentType = response.headers.get('content-type');
    const { mediaType, charset } = parseContentType(contentType);
    if (!PAGE_MEDIA_TYPES.has(mediaType)) {
      await discard(response);
      const found = contentType === null ? 'no Content-Type' : `"${contentType}"`;
      throw permanentFailure(
        source,
        `expected text/html or application/xhtml+xml (or a feed: RSS, Atom, XML), found ${found}${from}`,
      );
    }
    if (charset !== null && encodingOf(charset) === null) {
      await discard(response);
      throw permanentFailure(source, `expected a charset this runtime can decode, found "${charset}"${from}`);
    }
    const declaredHeader = response.headers.get('content-length');
    const declared =
      declaredHeader !== null && /^\d+$/.test(declaredHeader.trim()) ? Number(declaredHeader) : null;
    const { maxBodyBytes } = this.settings;
    if (declared !== null && declared > maxBodyBytes) {
      await discard(response);
      throw permanentFailure(
        source,
        `expected at most ${maxBodyBytes} bytes, found Content-Length ${declared}${from}`,
      );
    }
    // The bytes are decoded once complete: a <meta charset> can only be looked for in the bytes.
    const bytes = await this.readBody(source, response, declared, from);
    return {
      body: decodeHtml(bytes, charset).text,
      url: url.href,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  }

  /** Content-Length may be absent or wrong, and bodies are decompressed, so count what actually arrives. */
  private async readBody(
    source: SourceDescriptor,
    response: Response,
    declared: number | null,
    from: string,
  ) {
    const { maxBodyBytes } = this.settings;
    const parts: Uint8Array[] = [];
    if (response.body === null) return Buffer.concat(parts);
    const reader = response.body.getReader();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        const claimed = declared === null ? '' : ` although Content-Length said ${declared}`;
        throw permanentFailure(
          source,
          `expected at most ${maxBodyBytes} bytes, found at least ${size} while reading${claimed}${from}`,
        );
      }
      parts.push(value);
    }
    return Buffer.concat(parts);
  }
}

/** A failure that may pass by itself (network, timeout, 5xx, 429): the next scheduled run tries again. */
function transientFailure(source: SourceDescriptor, detail: string, cause?: unknown): SourceFetchError {
  return new SourceFetchError(source.id, `GET ${source.url}: ${detail}`, true, causeOf(cause));
}

/**
 * A failure that will repeat until the page or the configuration changes (refused address, host,
 * port or scheme, 404, wrong type, too large): retrying it is pointless, someone has to look.
 */
function permanentFailure(
  source: SourceDescriptor,
  detail: string,
  cause?: unknown,
  problem: FetchProblem = 'rejected',
): SourceFetchError {
  return new SourceFetchError(source.id, `GET ${source.url}: ${detail}`, false, {
    ...causeOf(cause),
    problem,
  });
}

/** A host as URL.hostname writes it (lower case, IPv6 in canonical form), so the allowlist compares like with like. */
function canonicalHost(host: string): string {
  const trimmed = host.trim().toLowerCase();
  try {
    return trimmed ? new URL(`https://${trimmed}/`).hostname : '';
  } catch {
    return trimmed;
  }
}

function causeOf(cause: unknown): { cause: unknown } | undefined {
  return cause === undefined ? undefined : { cause };
}

/** The ForbiddenAddressError somewhere in an error's cause chain (undici and node wrap it). */
function forbiddenAddressIn(error: unknown): ForbiddenAddressError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ForbiddenAddressError) return e;
  }
  return null;
}

/** Releases the connection of a response whose body is not wanted. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function parseContentType(header: string | null): { mediaType: string; charset: string | null } {
  if (header === null) return { mediaType: '', charset: null };
  const [type = '', ...params] = header.split(';');
  let charset: string | null = null;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";]*)"?\s*$/i.exec(param);
    if (match?.[1]) charset = match[1].trim().toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // An injected WHATWG fetch (undici) reports "fetch failed" and hides the useful part (ECONNREFUSED, …) in the cause.
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
    return `${error.message} (${code ?? cause.message})`;
  }
  return error.message;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`http fetcher option ${name}: expected a positive number, found ${value}`);
  }
  return value;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`http fetcher option ${name}: expected a non-negative integer, found ${value}`);
  }
  return value;
}
