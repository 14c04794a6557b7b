import type { ProjectVersion } from '../model/history';
import { changeRows, changeRowsCsv, changeRowsJsonl } from './change-rows';
import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from './output-file';
import type { RenderContext, Renderer } from './render-context';

/** The whole change history, one row per changed field (see docs/changes.md). */
export const CHANGES_CSV_KEY = 'v1/changes.csv';
export const CHANGES_JSONL_KEY = 'v1/changes.jsonl';

/**
 * What the history files are rendered from. Either the files as the previous snapshot holds them
 * (checked against the hashes the state recorded) and the versions since, appended to them; or,
 * with no usable base, every version there is. Both give the same bytes (history order), so the
 * files never depend on whether the base could be read.
 */
export interface ChangeLogInput {
  readonly base: { readonly csv: Uint8Array; readonly jsonl: Uint8Array } | null;
  readonly versions: readonly ProjectVersion[];
}

function append(base: Uint8Array | undefined, text: string): Uint8Array {
  const added = Buffer.from(text, 'utf8');
  return base ? Buffer.concat([base, added]) : added;
}

/** v1/changes.csv and v1/changes.jsonl; none when the context carries no history (a partial render). */
export const renderChangesLog: Renderer = (ctx: RenderContext): OutputFile[] => {
  const log = ctx.changeLog;
  if (!log) return [];
  const rows = changeRows(log.versions);
  const file = (key: string, body: Uint8Array, contentType: string): OutputFile => ({
    key,
    body,
    contentType,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  });
  return [
    file(CHANGES_CSV_KEY, append(log.base?.csv, changeRowsCsv(rows, log.base === null)), CONTENT_TYPES.csv),
    file(CHANGES_JSONL_KEY, append(log.base?.jsonl, changeRowsJsonl(rows)), CONTENT_TYPES.jsonl),
  ];
};
