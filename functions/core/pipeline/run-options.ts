import { randomUUID } from 'node:crypto';
import type { DiscoveryResult } from '../discovery/discover-releases';
import type { Forgetting } from '../discovery/forget-releases';
import type { FeedConfig } from '../feed-config';
import type { Logger, Notifier, ObjectStore, PageFetcher, StateStore } from '../ports';
import type { Renderer } from '../render/render-context';
import type { ListingSource } from '../sources/listing-sources';
import type { SourceModule } from '../sources/source-module';

export interface PipelineOptions {
  readonly sources: readonly SourceModule[];
  readonly fetcher: PageFetcher;
  readonly state: StateStore;
  readonly store: ObjectStore;
  readonly notifier: Notifier;
  readonly logger: Logger;
  /** The run's clock reading; the only time the pipeline knows (the lease counts on the wall clock). */
  readonly now: Date;
  readonly config: FeedConfig;
  readonly renderers?: readonly Renderer[];
  /** How long a crashed run blocks the next one. */
  readonly leaseSeconds?: number;
  /**
   * Who holds the lease. The run id is derived from the clock so output stays reproducible, but two
   * runs started in the same second must still exclude each other, so the holder adds a nonce.
   */
  readonly leaseHolder?: string;
  /** Names this run's process in the lease holder (`pid=…,start=…,boot=…`), so a local successor can tell it died. */
  readonly processIdentity?: string;
  /** How many recent changes changes.json and the feeds show. */
  readonly recentChangeLimit?: number;
  /** Publish a change of one field in most projects at once instead of refusing it. */
  readonly acceptMassChange?: boolean;
  /** The listings that lead to press releases (docs/discovery.md); none by default. */
  readonly listings?: readonly ListingSource[];
  /** How many new releases one listing may add in one run. */
  readonly maxNewReleasesPerListing?: number;
  /** Discovered releases to forget in this run (docs/discovery.md, "Forgetting a release"). */
  readonly forgetReleases?: readonly string[];
}

/** What the listings led to this run, and the releases it forgot as asked. */
export type RunDiscovery = DiscoveryResult & Pick<Forgetting, 'forgotten' | 'notes'>;

/** The pipeline's options with the run's sources: the configured ones and the discovered releases. */
export type RunOptions = PipelineOptions & { readonly discovery: RunDiscovery };

export interface RunIds {
  readonly runId: string;
  readonly startedAt: string;
  readonly holder: string;
}

/** The run's id and time from its clock reading (to the second), and who holds its lease. */
export function runIdsOf(options: PipelineOptions): RunIds {
  const startedAt = options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const runId = `run-${startedAt.replace(/[-:]/g, '')}`;
  const holder =
    options.leaseHolder ??
    [runId, ...(options.processIdentity ? [options.processIdentity] : []), randomUUID()].join('/');
  return { runId, startedAt, holder };
}
