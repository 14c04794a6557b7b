import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { journalItems, readJournal } from '../../../functions/adapters/dynamodb/journal';
import type { TableClient } from '../../../functions/adapters/dynamodb/table-client';
import type { Item } from '../../../functions/adapters/dynamodb/table-schema';

const NOW = new Date('2026-11-22T04:00:00Z');

/** A table that holds only the chunks given, as the journal's partition query returns them. */
function tableOf(chunks: readonly Item[]): TableClient {
  return { tableName: 'journal-test', queryPartition: async () => [...chunks] } as unknown as TableClient;
}

describe('the commit journal', () => {
  it('is the gzip of the items as one JSON list, in chunks, and reads back to the same items', async () => {
    // Random text does not compress, so 2 MB of it spans several 300 KB chunks.
    const items: Item[] = Array.from({ length: 40 }, (_, i) => ({
      pk: 'CURRENT',
      sk: `p-${i}`,
      recordJson: JSON.stringify({ name: `Hanke "${i}" – äö`, text: randomBytes(40_000).toString('base64') }),
      ...(i === 3 ? { data: new Uint8Array([1, 2, 3]) } : {}),
    }));
    const { ref, chunks } = await journalItems('run-1', items, NOW);
    expect(ref.chunks).toBe(chunks.length);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const bytes = Buffer.concat(chunks.map((c) => c.data as Uint8Array));
    const text = gunzipSync(bytes).toString('utf8');
    // Exactly JSON.stringify of the list, binary attributes as base64: written an item at a time.
    expect(text).toBe(
      JSON.stringify(items, function (this: Record<string, unknown>, key, value) {
        const raw = this[key];
        return raw instanceof Uint8Array ? { $gzipBase64: Buffer.from(raw).toString('base64') } : value;
      }),
    );
    expect(await readJournal(tableOf(chunks), ref)).toEqual(items);
  });

  it('of no items is an empty list', async () => {
    const { ref, chunks } = await journalItems('run-2', [], NOW);
    expect(gunzipSync(Buffer.concat(chunks.map((c) => c.data as Uint8Array))).toString('utf8')).toBe('[]');
    expect(await readJournal(tableOf(chunks), ref)).toEqual([]);
  });

  it('refuses a journal whose chunks do not have the digest the head names', async () => {
    const { ref, chunks } = await journalItems('run-3', [{ pk: 'RUN', sk: 'x' }], NOW);
    await expect(readJournal(tableOf(chunks), { ...ref, sha256: '0'.repeat(64) })).rejects.toThrow(
      /the journal of run-3 has SHA-256 [0-9a-f]{64}, the head says 0{64}/,
    );
  });
});
