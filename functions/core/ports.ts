import type { CurrentSummary } from './model/current-summary';
import type { DiscoveredRelease } from './model/discovered-release';
import type { ProjectVersion } from './model/history';
import type { ProjectRecord } from './model/project';
import type { Publication } from './model/publication';
import type { RunReport } from './model/run-report';
import type { SnapshotEntry } from './model/snapshot';
import type { SourceOutput } from './model/source-output';
import type { OutputSummary, SourceReading } from './model/source-state';

/** The edges of the pipeline that touch the world; one adapter per environment. */

export interface SourceDescriptor {
  readonly id: string;
  readonly url: string;
  /**
   * Other addresses at which the site publishes the same page (eusa-rahastot.fi serves its
   * 2014–2020 pages under two path forms): a redirect to one of them is the same page, not a move.
   */
  readonly alternateUrls?: readonly string[];
}

export interface FetchedPage {
  readonly body: string;
  /** The URL the page was finally read from (after redirects). */
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface ConditionalHeaders {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type FetchResult =
  | { readonly kind: 'page'; readonly page: FetchedPage }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'missing'; readonly reason: string };

/** Reads one source page. Throws SourceFetchError when it cannot. */
export interface PageFetcher {
  fetch(source: SourceDescriptor, conditional: ConditionalHeaders | null): Promise<FetchResult>;
}

/** What the state store remembers of one source between runs, with its last good output. */
export interface SourceState extends SourceReading {
  /** The last good output; null when none is stored (a reading from before outputs were chunked). */
  readonly output: SourceOutput | null;
}

/**
 * A source's state as a run first loads it: the output only summarised, so that a page read again
 * unchanged costs its hash and not a load of its last reading. `loadSourceOutput` loads the output
 * when a run needs it (a page changed and the stored readings are linked with it).
 */
export interface StoredSourceState extends SourceReading {
  /** Stands for the stored output (null: none stored); the store knows which output it is. */
  readonly summary: OutputSummary | null;
}

export interface StateCommit {
  /** Current records that changed this run (new, changed, removed, reinstated). */
  readonly records: readonly ProjectRecord[];
  /** The immutable versions those changes created. */
  readonly versions: readonly ProjectVersion[];
  readonly sourceStates: readonly SourceState[];
  /**
   * Sources whose page was read again unchanged, as loaded: their items are rewritten (read time,
   * validators) still pointing at the output already stored, which is neither loaded nor written.
   */
  readonly keptSourceStates?: readonly StoredSourceState[];
  readonly run: RunReport;
  /** The publication this run makes pending (its files are written after the commit); null when it publishes nothing. */
  readonly publication: Publication | null;
  /** Snapshots to add to the state's list: the publication's own, and any earlier ones it lists for the first time. */
  readonly snapshots: readonly SnapshotEntry[];
  /** An award notice to send once the publication is done. */
  readonly notice: AwardNotice | null;
  /** Releases the listings led to for the first time this run (docs/discovery.md). */
  readonly discovered?: readonly DiscoveredRelease[];
}

export interface StateStore {
  /**
   * Takes the run lease, its expiry counted on the wall clock (never the run's `--now`); throws
   * LeaseHeldError when another unexpired run holds it. A commit that a crashed run left
   * half-written is finished here, before the lease is handed over.
   */
  acquireLease(holder: string, ttlSeconds: number): Promise<void>;
  releaseLease(holder: string): Promise<void>;
  loadCurrent(): Promise<ProjectRecord[]>;
  /** How many current records and their latest lastChangedAt, without loading them (once, for an older state, by loading them). */
  loadCurrentSummary(): Promise<CurrentSummary>;
  loadVersions(id: string): Promise<ProjectVersion[]>;
  /** Versions created at or after `since` (ISO), newest first; at most `limit` when given. */
  loadChangesSince(since: string, limit?: number): Promise<ProjectVersion[]>;
  loadSourceStates(): Promise<StoredSourceState[]>;
  /** The output a loaded state stands for, exactly that one; null when it has none. */
  loadSourceOutput(state: StoredSourceState): Promise<SourceOutput | null>;
  /** The last committed publication (pending or done); null before the first. */
  loadPublication(): Promise<Publication | null>;
  /** Every snapshot committed so far, oldest first. */
  loadSnapshots(): Promise<SnapshotEntry[]>;
  /** Every release the listings have led to, first seen first. */
  loadDiscovered(): Promise<DiscoveredRelease[]>;
  /** The latest run recorded (by its time, then id); null before the first. */
  loadLastRun(): Promise<LastRun | null>;
  /** Award notices committed but not yet marked sent, oldest first. */
  loadPendingNotices(): Promise<AwardNotice[]>;
  /** All or nothing, and only while `holder` still holds the lease (LeaseLostError otherwise). */
  commit(commit: StateCommit, holder: string): Promise<void>;
  /** Records that every file of the run's publication was written. */
  markPublished(runId: string, holder: string): Promise<void>;
  markNoticeSent(runId: string, holder: string): Promise<void>;
}

/** The latest run the state records: a new run's time must come after it. */
export interface LastRun {
  readonly runId: string;
  readonly startedAt: string;
}

export interface ObjectToWrite {
  readonly key: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** Where the published files go: a directory locally, S3 in production. */
export interface ObjectStore {
  put(object: ObjectToWrite): Promise<void>;
  /** Makes what the puts so far recorded besides the bodies durable (the directory's header manifest). */
  flush?(): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  exists(key: string): Promise<boolean>;
}

export interface AwardNotice {
  readonly runId: string;
  readonly subject: string;
  readonly text: string;
  readonly awards: readonly ProjectRecord[];
}

export interface Notifier {
  notify(notice: AwardNotice): Promise<void>;
}

/** A narrow logger: the pipeline needs no more than this. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}
