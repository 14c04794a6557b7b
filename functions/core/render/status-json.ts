import type { RunReport } from '../model/run-report';
import { CACHE_STATUS, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';

export interface SourceHealth {
  readonly id: string;
  readonly url: string;
  readonly status: RunReport['sources'][number]['status'];
  readonly records: number;
  readonly pageUpdated: string | null;
  /** When the source was last read successfully (fetched and understood). */
  readonly lastReadAt: string | null;
  readonly warnings: readonly string[];
}

export interface StatusDocument {
  readonly schemaVersion: 1;
  /** OUTPUT_FORMAT_VERSION of the renderers that wrote the feed. */
  readonly formatVersion: number;
  readonly lastRunAt: string;
  /** When the published dataset last changed; null before the first publication. */
  readonly lastChangedAt: string | null;
  /**
   * The run report, with `published` naming only the dataset-wide files: the per-project ones
   * (v1/projects/<id>.json and the project pages) are counted in `publishedProjectFiles`, the
   * per-subscriber feeds written (v1/feeds/…) in `publishedSubscriberFeeds`.
   */
  readonly run: RunReport & {
    readonly publishedFiles: number;
    readonly publishedProjectFiles: number;
    readonly publishedSubscriberFeeds: number;
  };
  readonly sources: readonly SourceHealth[];
}

/** v1/status.json: written on every run, so a monitor can tell "checked and unchanged" from "stalled". */
/** Written after every other file of a run: what the run did and how each source fared. */
export const STATUS_KEY = 'v1/status.json';

export function statusFile(doc: StatusDocument): OutputFile {
  return {
    key: STATUS_KEY,
    body: jsonBody(doc),
    contentType: CONTENT_TYPES.json,
    cacheControl: CACHE_STATUS,
    stage: 'index',
  };
}
