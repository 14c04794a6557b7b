import { StateLimitError } from '../../core/errors';
import { CorruptStateError } from './errors';
import { STATE_TABLE_SCHEMA } from './state-table-schema';

export { STATE_TABLE_SCHEMA };

/**
 * The items of the single-table design.
 *
 * | item                 | pk               | sk                          | other attributes                              |
 * |----------------------|------------------|-----------------------------|-----------------------------------------------|
 * | current record       | `CURRENT`        | `<project id>`              | `recordJson` (before: `record`, a map)        |
 * | version              | `PROJECT#<id>`   | `V#<version, 6 digits>`     | `id`, `version`, `changedAt`, `versionJson` (before: the fields) (1) |
 * | run                  | `RUN`            | `<startedAt>#<runId>`       | counts and per-source status (bounded)        |
 * | source state         | `SOURCE`         | `<source id>`               | the SourceState; the output (2); `outputRecords`, `outputPageUpdated` |
 * | source output chunk  | `SOURCE#<id>`    | `OUTPUT#<chunk, 4 digits>`  | `data` (a slice of the gzip'd output)         |
 * | snapshot             | `SNAPSHOT`       | `<snapshot id>`             | the snapshot index entry                      |
 * | discovered release   | `DISCOVERED`     | `<release's source id>`     | `release`: the DiscoveredRelease (3)          |
 * | pending notice       | `NOTICE#PENDING` | `<runId>`                   | `notice` gzip'd JSON                          |
 * | sent notice          | `NOTICE`         | `<runId>`                   | `subject`, `sentAt`                           |
 * | commit journal chunk | `JOURNAL#<runId>`| `<chunk, 4 digits>`         | `data`; `expiresAt` (TTL) tidies it           |
 * | head                 | `HEAD`           | `harvest`                   | the lease, the publication, the journal (4)   |
 *
 * (1) and in gsi1 `CHANGES` / `<changedAt>#<id>#<version>`.
 * (2) `output` gzip'd JSON inline, or `outputChunks` and `outputSha256` with the chunks beside it.
 * (3) its last reading is its source state.
 * (4) and the current records' summary (head.ts).
 */
export const PK = {
  current: 'CURRENT',
  run: 'RUN',
  source: 'SOURCE',
  sourceOutput: (id: string) => `SOURCE#${id}`,
  snapshot: 'SNAPSHOT',
  discovered: 'DISCOVERED',
  pendingNotice: 'NOTICE#PENDING',
  sentNotice: 'NOTICE',
  journal: (runId: string) => `JOURNAL#${runId}`,
  head: 'HEAD',
  project: (id: string) => `PROJECT#${id}`,
} as const;
export const HEAD_SK = 'harvest';
export const CHANGES = 'CHANGES';
export const VERSION_PREFIX = 'V#';
export const OUTPUT_CHUNK_PREFIX = 'OUTPUT#';

export type Item = Record<string, unknown>;

/** `#pk = :pk`, with the names from the schema. */
export const keyNames = {
  '#pk': STATE_TABLE_SCHEMA.partitionKey,
  '#sk': STATE_TABLE_SCHEMA.sortKey,
} as const;

export function itemKey(pk: string, sk: string): Item {
  return { [STATE_TABLE_SCHEMA.partitionKey]: pk, [STATE_TABLE_SCHEMA.sortKey]: sk };
}

export function describeKey(item: Item): string {
  return `pk=${JSON.stringify(item[STATE_TABLE_SCHEMA.partitionKey])} sk=${JSON.stringify(item[STATE_TABLE_SCHEMA.sortKey])}`;
}

export function stripKeys(item: Item): Item {
  const { partitionKey, sortKey, index } = STATE_TABLE_SCHEMA;
  const rest = { ...item };
  for (const name of [partitionKey, sortKey, index.partitionKey, index.sortKey]) delete rest[name];
  return rest;
}

export function padNumber(n: number, digits: number, what: string): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10 ** digits) {
    throw new StateLimitError(`${what}: ${n} does not fit the ${digits}-digit sort key`);
  }
  return String(n).padStart(digits, '0');
}

/**
 * Timestamps in sort keys must compare as strings in time order; "…:00Z" and "…:00.500Z" do not
 * (the "." sorts before "Z"), so every timestamp in a key is normalised to milliseconds.
 */
export function canonicalTimestamp(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new CorruptStateError(`${what}: not an ISO timestamp: ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}
