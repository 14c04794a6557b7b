import type { FeedConfig } from '../feed-config';
import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import type { RunReport } from '../model/run-report';
import type { SnapshotEntry } from '../model/snapshot';
import type { LinkedReference } from '../model/source-output';
import type { ChangeLogInput } from './changes-log';
import type { OutputFile } from './output-file';
import type { DatasetMeta } from './projects-json';

/** Everything a renderer may use. Plain data: renderers never read the clock, the disk or AWS. */
export interface RenderContext {
  readonly config: FeedConfig;
  readonly meta: DatasetMeta;
  /** Every project, removed ones included, in publication order. */
  readonly records: readonly ProjectRecord[];
  /** Ids of the projects that changed this run (their per-project files need rewriting). */
  readonly changedIds: ReadonlySet<string>;
  /** Full version history of each changed project, oldest first. */
  readonly historyById: ReadonlyMap<string, readonly ProjectVersion[]>;
  /** The latest versions across all projects (newest first), for changes.json and the feeds. */
  readonly recentChanges: readonly ProjectVersion[];
  readonly report: RunReport;
  /** The snapshots committed before this publication, oldest first: the snapshot index lists them and its own. */
  readonly snapshots: readonly SnapshotEntry[];
  /** The fund page's reference data (objectives, allocation); null or absent when it was never read. */
  readonly reference?: LinkedReference | null;
  /** When the feed began (model/baseline.ts), from every record: per-project batches see only their own. */
  readonly baselineAt?: string | null;
  /** What v1/changes.csv and .jsonl are rendered from; absent, they are not rendered. */
  readonly changeLog?: ChangeLogInput;
}

export type Renderer = (ctx: RenderContext) => OutputFile[];

/**
 * A renderer of per-project files (a page or a JSON document per changed project). Publishing
 * calls it batch by batch, with `changedIds` narrowed to the batch, so the files of a long list
 * are never all in memory at once; `keysOf` says which files it writes for a project without
 * rendering them, for the publication's manifest.
 */
export interface DetailRenderer {
  readonly keysOf: (id: string) => readonly string[];
  readonly render: Renderer;
}
