import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import type { DiscoveredRelease } from '../../core/model/discovered-release';
import type { ProjectVersion } from '../../core/model/history';
import type { ProjectRecord } from '../../core/model/project';
import type { RunReport } from '../../core/model/run-report';
import type { SnapshotEntry } from '../../core/model/snapshot';
import type { SourceOutput } from '../../core/model/source-output';
import type { OutputSummary } from '../../core/model/source-state';
import type { AwardNotice, SourceState, StoredSourceState } from '../../core/ports';
import { CorruptStateError } from './errors';
import {
  CHANGES,
  canonicalTimestamp,
  type Item,
  itemKey,
  OUTPUT_CHUNK_PREFIX,
  PK,
  padNumber,
  STATE_TABLE_SCHEMA,
  stripKeys,
  VERSION_PREFIX,
} from './table-schema';

/** How the items of the state are written and read back: one encoder and one schema per kind. */

/**
 * A source's gzip'd output up to this size stays in its item; a larger one goes to chunk items
 * of this size beside it, so a source's last reading is never dropped however long its page.
 */
export const MAX_INLINE_OUTPUT_BYTES = 200 * 1024;
export const OUTPUT_CHUNK_BYTES = 300 * 1024;
const OUTPUT_ENCODING = 'gzip+json';
/** The run record keeps counts and statuses; only this many of its warnings are kept in the item. */
const RUN_WARNINGS_KEPT = 20;
/** And each of them only this long: 20 of them stay far below DynamoDB's item limit (status.json has them whole). */
export const RUN_WARNING_CHARS_KEPT = 2000;

function keptWarnings(warnings: readonly string[]): string[] {
  return warnings
    .slice(0, RUN_WARNINGS_KEPT)
    .map((w) =>
      w.length > RUN_WARNING_CHARS_KEPT
        ? `${w.slice(0, RUN_WARNING_CHARS_KEPT)}… (${w.length - RUN_WARNING_CHARS_KEPT} more characters in status.json)`
        : w,
    );
}

function versionSortKey(version: ProjectVersion): string {
  return padNumber(version.version, 6, `project ${version.id} version`);
}

/*
 * Records and versions are stored as one JSON string attribute each, not as nested maps: a record
 * is some hundred attributes deep, and marshalling, validating and indexing each of them is most
 * of what a commit of a long list costs. Items written before hold them as maps (`record`, or the
 * version's fields at the top level); the readers below take both.
 */

export function versionItem(version: ProjectVersion): Item {
  const padded = versionSortKey(version);
  const { index } = STATE_TABLE_SCHEMA;
  return {
    ...itemKey(PK.project(version.id), `${VERSION_PREFIX}${padded}`),
    [index.partitionKey]: CHANGES,
    [index.sortKey]: `${canonicalTimestamp(version.changedAt, `version ${version.id}#${version.version} changedAt`)}#${version.id}#${padded}`,
    id: version.id,
    version: version.version,
    changedAt: version.changedAt,
    versionJson: JSON.stringify(version),
  };
}

export function currentItem(record: ProjectRecord): Item {
  return { ...itemKey(PK.current, record.id), recordJson: JSON.stringify(record) };
}

/** The record a current item holds, not yet checked against the schema. */
export function storedRecord(item: Item, what: string): unknown {
  return typeof item.recordJson === 'string' ? parseJson(item.recordJson, what) : item.record;
}

/** The version a version item holds, not yet checked against the schema. */
export function storedVersion(item: Item, what: string): unknown {
  return typeof item.versionJson === 'string' ? parseJson(item.versionJson, what) : stripKeys(item);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CorruptStateError(
      `${what} is corrupted: its JSON does not parse (${err instanceof Error ? err.message : String(err)})`,
      {
        cause: err,
      },
    );
  }
}

/** How a source item holds its output: inline bytes, or a pointer to chunk items and their hash. */
export interface StoredOutputFields {
  readonly output: Uint8Array | null;
  readonly outputEncoding: string | null;
  readonly outputChunks?: number;
  readonly outputSha256?: string;
}

/** The summary a source item keeps beside its output, so a run can report it without loading it. */
function summaryFields(summary: OutputSummary | null): Item {
  return summary === null ? {} : { outputRecords: summary.records, outputPageUpdated: summary.pageUpdated };
}

export function summariseOutput(output: SourceOutput): OutputSummary {
  return { records: output.drafts.length, pageUpdated: output.pageUpdated };
}

/**
 * The source's item and, when its output is large, the chunk items holding it. `stored` is how the
 * table already holds this very output (a page read again unchanged): then only the item is written,
 * pointing at the stored output, instead of compressing and writing it all again.
 */
export function sourceItems(state: SourceState, stored?: StoredOutputFields): Item[] {
  const { output, ...rest } = state;
  const base = {
    ...rest,
    ...itemKey(PK.source, state.id),
    ...summaryFields(output && summariseOutput(output)),
  };
  if (output !== null && stored) return [{ ...base, ...stored }];
  if (output === null) return [{ ...base, output: null, outputEncoding: null }];
  const compressed = gzipSync(Buffer.from(JSON.stringify(output), 'utf8'));
  if (compressed.byteLength <= MAX_INLINE_OUTPUT_BYTES) {
    return [{ ...base, output: compressed, outputEncoding: OUTPUT_ENCODING }];
  }
  const chunks: Item[] = [];
  for (let start = 0, n = 0; start < compressed.byteLength; start += OUTPUT_CHUNK_BYTES, n++) {
    chunks.push({
      ...itemKey(
        PK.sourceOutput(state.id),
        `${OUTPUT_CHUNK_PREFIX}${padNumber(n, 4, `source ${state.id} output chunk`)}`,
      ),
      data: compressed.subarray(start, start + OUTPUT_CHUNK_BYTES),
    });
  }
  return [
    {
      ...base,
      output: null,
      outputEncoding: OUTPUT_ENCODING,
      outputChunks: chunks.length,
      outputSha256: createHash('sha256').update(compressed).digest('hex'),
    },
    ...chunks,
  ];
}

/**
 * The item of a source read again unchanged whose output was never loaded: the new read time and
 * validators, and the pointer to the stored output (`stored`, as loaded) so the reading is kept.
 */
export function keptSourceItem(state: StoredSourceState, stored: StoredOutputFields | null): Item {
  const { summary, ...rest } = state;
  const base = { ...rest, ...itemKey(PK.source, state.id), ...summaryFields(summary) };
  return stored === null ? { ...base, output: null, outputEncoding: null } : { ...base, ...stored };
}

/** A bounded record of the run: counts, statuses, the first warnings and how many files it published. */
export function runItem(run: RunReport): Item {
  const time = Date.parse(run.startedAt);
  const sortTime = Number.isNaN(time) ? run.startedAt : new Date(time).toISOString();
  return {
    ...itemKey(PK.run, `${sortTime}#${run.runId}`),
    runId: run.runId,
    startedAt: run.startedAt,
    status: run.status,
    counts: run.counts,
    sources: run.sources.map((s) => ({
      ...s,
      warnings: keptWarnings(s.warnings),
      warningCount: s.warnings.length,
    })),
    warnings: keptWarnings(run.warnings),
    warningCount: run.warnings.length,
    publishedFiles: run.published.length,
  };
}

export function snapshotItem(entry: SnapshotEntry): Item {
  return { ...itemKey(PK.snapshot, entry.id), entry };
}

export function discoveredItem(release: DiscoveredRelease): Item {
  return { ...itemKey(PK.discovered, release.sourceId), release };
}

/** Past this the notice is kept without its awards' JSON (the text lists them; the feed has them all). */
const MAX_NOTICE_BYTES = 300 * 1024;

export function pendingNoticeItem(notice: AwardNotice): Item {
  const gzip = (n: AwardNotice) => gzipSync(Buffer.from(JSON.stringify(n), 'utf8'));
  let bytes = gzip(notice);
  if (bytes.byteLength > MAX_NOTICE_BYTES) bytes = gzip({ ...notice, awards: [] });
  return { ...itemKey(PK.pendingNotice, notice.runId), notice: bytes };
}

export function sentNoticeItem(notice: AwardNotice, sentAt: string): Item {
  return {
    ...itemKey(PK.sentNotice, notice.runId),
    subject: notice.subject,
    awards: notice.awards.length,
    sentAt,
  };
}

/** How a source item holds its output, and the output's summary (absent in items written before it). */
export const sourceItemSchema = z.object({
  output: z.instanceof(Uint8Array).nullable().optional(),
  outputChunks: z.number().int().positive().optional(),
  outputSha256: z.string().optional(),
  outputRecords: z.number().int().nonnegative().optional(),
  outputPageUpdated: z.string().nullable().optional(),
});

/** The gzip'd output of a source item, from the item or its chunks; checked against the stored hash. */
export function joinOutputChunks(item: Item, chunks: readonly Item[], what: string): Uint8Array {
  const count = Number(item.outputChunks);
  const parts = chunks.slice(0, count).map((c) => c.data);
  if (parts.length !== count || !parts.every((p) => p instanceof Uint8Array)) {
    throw new CorruptStateError(
      `${what}: its output is stored in ${count} chunks but ${parts.length} were found`,
    );
  }
  const joined = Buffer.concat(parts as Uint8Array[]);
  const digest = createHash('sha256').update(joined).digest('hex');
  if (digest !== item.outputSha256) {
    throw new CorruptStateError(
      `${what}: its output chunks have SHA-256 ${digest}, the item says ${String(item.outputSha256)}`,
    );
  }
  return joined;
}

export function gunzipJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (err) {
    throw new CorruptStateError(
      `${what} is unreadable: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}
