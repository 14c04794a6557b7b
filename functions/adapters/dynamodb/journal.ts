import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createGzip, gunzipSync } from 'node:zlib';
import { CorruptStateError } from './errors';
import type { TableClient } from './table-client';
import { type Item, itemKey, PK, padNumber, STATE_TABLE_SCHEMA } from './table-schema';

/**
 * The commit journal: every item of a commit, gzip'd JSON in chunk items, written before the
 * commit point. BatchWriteItem is not atomic and a commit can hold thousands of items, so the
 * commit is made durable as one journal first; whoever finds a journal named in the head writes
 * its items (again): puts are idempotent, so a commit is applied completely or not at all.
 */

const CHUNK_BYTES = 300 * 1024;
/** A journal is only needed until its commit is applied; TTL tidies it after this. */
const KEEP_SECONDS = 30 * 86_400;

export interface JournalRef {
  readonly runId: string;
  readonly chunks: number;
  readonly sha256: string;
}

export function journalChunkKey(runId: string, n: number): Item {
  return itemKey(PK.journal(runId), padNumber(n, 4, `journal of ${runId} chunk`));
}

export async function journalItems(
  runId: string,
  items: readonly Item[],
  now: Date,
): Promise<{ ref: JournalRef; chunks: Item[] }> {
  const bytes = await gzipJsonList(items);
  const expiresAt = Math.floor(now.getTime() / 1000) + KEEP_SECONDS;
  const chunks: Item[] = [];
  for (let start = 0, n = 0; start < bytes.byteLength; start += CHUNK_BYTES, n++) {
    chunks.push({
      ...journalChunkKey(runId, n),
      data: bytes.subarray(start, start + CHUNK_BYTES),
      [STATE_TABLE_SCHEMA.ttlAttribute]: expiresAt,
    });
  }
  return {
    ref: { runId, chunks: chunks.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    chunks,
  };
}

/**
 * The gzip of `JSON.stringify(items)`, written an item at a time: a commit of 20 000 projects was
 * 150 MB of JSON text as one string, beside its UTF-8 copy and the items themselves.
 */
async function gzipJsonList(items: readonly Item[]): Promise<Buffer> {
  // Level 1: a journal lives until its commit is applied, so speed matters more than size.
  const gzip = createGzip({ level: 1 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const ended = once(gzip, 'end');
  for (let i = 0; i < items.length; i++) {
    const text = `${i === 0 ? '[' : ','}${JSON.stringify(items[i], binaryReplacer)}`;
    if (!gzip.write(text)) await once(gzip, 'drain');
  }
  gzip.end(items.length === 0 ? '[]' : ']');
  await ended;
  return Buffer.concat(parts);
}

export async function readJournal(table: TableClient, ref: JournalRef): Promise<Item[]> {
  const what = `${table.tableName}: the journal of ${ref.runId}`;
  const found = await table.queryPartition(PK.journal(ref.runId));
  const parts = found.slice(0, ref.chunks).map((c) => c.data);
  if (parts.length !== ref.chunks || !parts.every((p) => p instanceof Uint8Array)) {
    throw new CorruptStateError(`${what} has ${parts.length} of its ${ref.chunks} chunks`);
  }
  const bytes = Buffer.concat(parts as Uint8Array[]);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== ref.sha256)
    throw new CorruptStateError(`${what} has SHA-256 ${digest}, the head says ${ref.sha256}`);
  const items = JSON.parse(gunzipSync(bytes).toString('utf8'), binaryReviver) as unknown;
  if (!Array.isArray(items)) throw new CorruptStateError(`${what} does not hold a list of items`);
  return items as Item[];
}

const BINARY = '$gzipBase64';

/** Binary attributes (gzip'd outputs and notices) survive JSON as base64. */
function binaryReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Uint8Array ? { [BINARY]: Buffer.from(raw).toString('base64') } : value;
}

function binaryReviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && BINARY in value) {
    return new Uint8Array(Buffer.from(String((value as Record<string, unknown>)[BINARY]), 'base64'));
  }
  return value;
}
