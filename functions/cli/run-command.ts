import { existsSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { createStderrLogger } from '../adapters/console-logger';
import { createDirectoryObjectStore } from '../adapters/dir-objects';
import { createDynamoDbStateStore } from '../adapters/dynamodb-state';
import { createOutboxNotifier } from '../adapters/outbox-notify';
import { createSnapshotFetcher } from '../adapters/snapshot-fetch';
import { DEFAULTS } from '../core/defaults';
import { ConfigError } from '../core/errors';
import { feedConfigSchema } from '../core/feed-config';
import type { RunReport } from '../core/model/run-report';
import { exitCodeOf, runPipeline } from '../core/pipeline';
import type { Logger, PageFetcher } from '../core/ports';
import { checkBaseUrl } from '../core/run-options';
import { configuredSources, sourceHosts } from '../core/sources/built-in-sources';
import { configuredListings, type ListingSource, RELEASE_HOSTS } from '../core/sources/listing-sources';
import { PAGE_LIMITS } from '../core/sources/page-limits';
import type { SourceModule } from '../core/sources/source-module';
import { DataDirBusyError, type DataDirLock, lockDataDir } from './data-dir-lock';
import type { DynaliteThread } from './dynalite-thread';
import { startEmbeddedDynalite } from './embedded-dynalite';
import { EXIT, exitCodeOfError } from './exit-codes';
import { LOCAL_STATE_TABLE, localOutboxPath, localStorePath } from './local-state';
import { isRunning, parseIdentity } from './process-identity';
import { type RunProgress, showsProgress, terminalRunProgress } from './run-progress';
import { UsageError } from './usage-error';

export const RUN_USAGE = `Usage: npm start -- [--pages DIR | --live] [--data DIR] [--out DIR] [--now ISO-8601] [--json]
                 [--press-releases [ID=]URL,…] [--listings [ID=]URL,… | none]

Runs the harvest once: reads the source pages, updates the state and publishes the feed.

  --pages DIR          read each page from the file DIR/index.json maps its URL to, else from
                       DIR/<source-id>.html (default: seeds/pages)
  --live               fetch the real pages over HTTPS instead
  --data DIR           state directory: embedded DynamoDB (dynalite) and outbox (default: .data)
  --out DIR            where the feed is published (default: out)
  --now ISO-8601       the run's time, e.g. 2026-11-22T04:00:00Z (default: the clock)
  --base-url URL       public base URL written into the files: https://…, or http://localhost… locally
                       (default: http://localhost:8080)
  --contact EMAIL      contact address published in the files (default: none; the site omits it)
  --collapse-threshold share of a source's projects that may vanish in one run (default: 0.2)
  --accept-mass-change publish a change of one field in more than half the projects (refused otherwise)
  --press-releases     the press releases to read, comma-separated "URL" or "ID=URL", as the Lambda's
                       PRESS_RELEASE_URLS; with --pages each is read from DIR/<ID>.html (default: none)
  --listings           the feeds and listing pages that lead to new releases, "URL" or "ID=URL", as the
                       Lambda's LISTING_URLS, or "none" (default: the government's feed and intermin.fi's
                       search; see docs/discovery.md)
  --max-page-mb N      largest --pages file read, in MiB (default: 5, the live fetcher's limit)
  --forget-release ID  stop reading discovered releases that never read as one (comma-separated source ids,
                       as status.json names them); the listings will not lead to them again
  --json               print the run report as JSON on stdout
  -h, --help           show this help

Exit codes: 0 success, 1 failure (try again later), 2 usage error, 3 a source was refused,
4 busy (another run holds the data directory or the lease, or the store was briefly unavailable),
5 the machine refused (disk full, read-only, permission).`;

const MIB = 1024 * 1024;

export interface RunOptions {
  readonly pages: string;
  readonly live: boolean;
  readonly data: string;
  readonly out: string;
  readonly now: Date;
  readonly baseUrl: string;
  /** The contact the feed publishes; absent locally unless given (the site then shows none). */
  readonly contactEmail?: string;
  readonly collapseThreshold: number;
  readonly acceptMassChange: boolean;
  readonly json: boolean;
  /** Largest --pages file read, in bytes. */
  readonly maxPageBytes: number;
  /** The sources to read: the page sources and the configured press releases. */
  readonly sources: readonly SourceModule[];
  /** The listings that lead to press releases (docs/discovery.md). */
  readonly listings: readonly ListingSource[];
  /** Discovered releases to forget (docs/discovery.md, "Forgetting a release"). */
  readonly forgetReleases: readonly string[];
}

export function parseRunArgs(
  args: readonly string[],
  clock: () => Date = () => new Date(),
): RunOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  if (v.live && v.pages !== undefined) throw new UsageError('--pages and --live cannot be used together');
  let now = clock();
  if (v.now !== undefined) {
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v.now);
    now = new Date(v.now);
    if (!ok || Number.isNaN(now.getTime())) {
      throw new UsageError(`--now expects an ISO-8601 time such as 2026-11-22T04:00:00Z, found "${v.now}"`);
    }
  }
  const collapseThreshold =
    v['collapse-threshold'] === undefined ? DEFAULTS.collapseThreshold : Number(v['collapse-threshold']);
  if (!(collapseThreshold >= 0 && collapseThreshold <= 1)) {
    throw new UsageError(
      `--collapse-threshold expects a number from 0 to 1, found "${v['collapse-threshold']}"`,
    );
  }
  const baseUrl = asUsageError(() =>
    checkBaseUrl(v['base-url'] ?? 'http://localhost:8080', '--base-url', true),
  );
  const maxPageMb =
    v['max-page-mb'] === undefined ? PAGE_LIMITS.maxBodyBytes / MIB : Number(v['max-page-mb']);
  if (!(maxPageMb > 0))
    throw new UsageError(`--max-page-mb expects a positive number, found "${v['max-page-mb']}"`);
  const pages = v.pages ?? 'seeds/pages';
  if (!v.live) checkPagesDir(pages);
  const data = v.data ?? '.data';
  const out = v.out ?? 'out';
  checkApart(data, out);
  const contact = v.contact;
  if (contact !== undefined && !z.string().email().safeParse(contact).success) {
    throw new UsageError(`--contact expects an e-mail address, found "${contact}"`);
  }
  return {
    ...(contact !== undefined ? { contactEmail: contact } : {}),
    pages,
    live: v.live ?? false,
    data,
    out,
    now,
    baseUrl,
    collapseThreshold,
    acceptMassChange: v['accept-mass-change'] ?? false,
    json: v.json ?? false,
    maxPageBytes: Math.floor(maxPageMb * MIB),
    sources: selectSources(v['press-releases']),
    listings: selectListings(v.listings),
    forgetReleases: releaseIds(v['forget-release']),
  };
}

/** The source ids of --forget-release: comma-separated, each as status.json writes one. */
function releaseIds(list: string | undefined): string[] {
  if (list === undefined) return [];
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.find((id) => !/^[a-z0-9][a-z0-9-]*$/.test(id));
  if (ids.length === 0 || bad !== undefined) {
    throw new UsageError(
      `--forget-release expects source ids such as intermin-press-fi-0123456789, found "${bad ?? list}"`,
    );
  }
  return ids;
}

function selectSources(pressReleases: string | undefined): SourceModule[] {
  return asUsageError(() => configuredSources({ pressReleaseUrls: pressReleases }), 'PRESS_RELEASE_URLS');
}

/** A ConfigError of the shared checks, as the command line's usage error naming its flag. */
function asUsageError<T>(check: () => T, envName?: string): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new UsageError(envName ? error.message.replace(envName, '--press-releases') : error.message);
    }
    throw error;
  }
}

function selectListings(listings: string | undefined): ListingSource[] {
  try {
    return configuredListings(listings, '--listings');
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** --pages must name a directory: a typo would otherwise skip every source and look like a healthy run. */
function checkPagesDir(pages: string): void {
  let info: Stats;
  try {
    info = statSync(pages);
  } catch (error) {
    throw new UsageError(
      `--pages expects an existing directory, found "${pages}" (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (!info.isDirectory())
    throw new UsageError(`--pages expects a directory, found "${pages}", which is not one`);
}

/** --data inside --out would publish the state (the local server serves all of --out), and the reverse mixes the two. */
function checkApart(data: string, out: string): void {
  const [d, o] = [realOrResolved(data), realOrResolved(out)];
  const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
  if (inside(d, o) || inside(o, d)) {
    throw new UsageError(
      `--data (${d}) and --out (${o}) may not be the same directory or contain one another`,
    );
  }
}

/** The real path of a directory (symlinks followed) or, for one not made yet, its nearest existing parent's plus the rest. */
function realOrResolved(path: string): string {
  const full = resolve(path);
  const parent = dirname(full);
  if (existsSync(full)) return realpathSync(full);
  return parent === full ? full : join(realOrResolved(parent), basename(full));
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      pages: { type: 'string' },
      live: { type: 'boolean' },
      data: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'string' },
      'base-url': { type: 'string' },
      contact: { type: 'string' },
      'collapse-threshold': { type: 'string' },
      'accept-mass-change': { type: 'boolean' },
      json: { type: 'boolean' },
      'press-releases': { type: 'string' },
      listings: { type: 'string' },
      'max-page-mb': { type: 'string' },
      'forget-release': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

export interface RunOutcome {
  readonly exitCode: number;
  readonly report: RunReport | null;
}

/** Builds the local adapters (embedded dynalite, directory, snapshots or HTTPS, outbox) and runs once. */
export async function runCommand(
  options: RunOptions,
  stdout: (s: string) => void,
  stderr: (s: string) => void,
  thread?: DynaliteThread,
): Promise<RunOutcome> {
  const logger = createStderrLogger(stderr);
  const dataDir = resolve(options.data);
  const outDir = resolve(options.out);
  // One run per --data directory: a second one stops here with one sentence, before dynalite
  // opens the store (dynalite turns a store another process holds into an uncaught exception).
  let lock: DataDirLock;
  try {
    lock = await lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      stderr(`error: ${error.message}`);
      return { exitCode: EXIT.busy, report: null };
    }
    throw error;
  }
  try {
    return await runWithStore(
      options,
      { dataDir, outDir, holder: lock.holder },
      logger,
      stdout,
      stderr,
      thread,
    );
  } finally {
    await lock.release();
  }
}

async function runWithStore(
  options: RunOptions,
  { dataDir, outDir, holder }: { dataDir: string; outDir: string; holder: string },
  logger: Logger,
  stdout: (s: string) => void,
  stderr: (s: string) => void,
  thread: DynaliteThread | undefined,
): Promise<RunOutcome> {
  const db = await startEmbeddedDynalite({
    path: localStorePath(dataDir),
    ...(thread ? { thread } : {}),
  });
  const store = createDirectoryObjectStore(outDir);
  const progress: RunProgress | null = showsProgress({
    json: options.json,
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  })
    ? terminalRunProgress(options.sources)
    : null;
  progress?.watch(db.client);
  try {
    const state = createDynamoDbStateStore({
      client: db.client,
      tableName: LOCAL_STATE_TABLE,
      logger,
      // This run holds run.lock, so no other local run is live; a lease whose process died is free.
      holderIsGone: (h) => {
        const id = parseIdentity(h);
        return id !== null && !isRunning(id);
      },
    });
    await state.ensureTable();
    const fetcher = await localFetcher(options);
    stderr(
      options.live
        ? `Reading ${options.sources.length} source pages over HTTPS`
        : `Reading ${options.sources.length} source pages from ${resolve(options.pages)}`,
    );
    const report = await runPipeline({
      sources: progress?.sources ?? options.sources,
      fetcher: progress?.fetcher(fetcher) ?? fetcher,
      state,
      store: progress?.store(store) ?? store,
      notifier: createOutboxNotifier(localOutboxPath(dataDir), stderr),
      logger,
      now: options.now,
      config: feedConfigSchema.parse({
        publicBaseUrl: options.baseUrl,
        ...(options.contactEmail !== undefined ? { contactEmail: options.contactEmail } : {}),
        collapseThreshold: options.collapseThreshold,
      }),
      acceptMassChange: options.acceptMassChange,
      listings: options.listings,
      forgetReleases: options.forgetReleases,
      processIdentity: holder,
    });
    await store.flush();
    progress?.stop();
    stderr(summarise(report, outDir));
    if (options.json) stdout(`${JSON.stringify(report, null, 2)}\n`);
    return { exitCode: exitCodeOf(report), report };
  } catch (error) {
    // A store whose thread died fails every request with ECONNREFUSED: name the store and why instead.
    const cause = db.failure() ?? error;
    stderr(`error: ${cause instanceof Error ? cause.message : String(cause)}`);
    return { exitCode: exitCodeOfError(cause), report: null };
  } finally {
    progress?.stop();
    // After a failure too: the headers of what was written are kept for the local server.
    await store.flush().catch(() => undefined);
    await db.close();
  }
}

/** The saved pages of --pages, or with --live the HTTPS fetcher allowed the sources' hosts. */
async function localFetcher(options: RunOptions): Promise<PageFetcher> {
  if (!options.live) return createSnapshotFetcher(resolve(options.pages), { maxBytes: options.maxPageBytes });
  // The live fetcher (address policy, HTTP client) is loaded only by the runs that use it.
  return (await import('../adapters/http-fetch')).createHttpFetcher({
    allowedHosts: [...new Set([...sourceHosts([...options.sources, ...options.listings]), ...RELEASE_HOSTS])],
    timeoutMs: 20_000,
    maxRetries: 1,
  });
}

function summarise(report: RunReport, outDir: string): string {
  const c = report.counts;
  const lines = [
    `Run ${report.runId}: ${report.status}. ${c.total} projects: ${c.new} new, ${c.changed} changed, ` +
      `${c.removed} removed, ${c.reinstated} reinstated, ${c.unchanged} unchanged.`,
  ];
  for (const s of report.sources) lines.push(`  ${s.id}: ${s.status} (${s.records} records)`);
  if (report.finishedPublication) {
    const f = report.finishedPublication;
    lines.push(`First finished run ${f.runId}'s pending publication: ${f.files} files written.`);
  }
  if (report.status === 'failed') {
    lines.push('Nothing was published: no source could be read. The feed keeps its previous content.');
  } else if (report.published.length > 1 || report.finishedPublication) {
    lines.push(
      `The feed is in ${outDir}: ${outDir}/v1/projects.json, ${outDir}/v1/projects.csv (${report.published.length} files written).`,
      'See it as a web page with: npm run serve  (http://localhost:8080)',
    );
  } else {
    lines.push(`Nothing changed; only ${outDir}/v1/status.json was rewritten. The feed is in ${outDir}.`);
  }
  return lines.join('\n');
}
