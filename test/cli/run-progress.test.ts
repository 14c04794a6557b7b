import { BatchWriteItemCommand, CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDynalite } from '../../functions/cli/embedded-dynalite';
import { createRunProgress, progressLine, showsProgress } from '../../functions/cli/run-progress';
import type { ObjectStore } from '../../functions/core/ports';
import { jsonListSource } from '../helpers/doubles';
import { draft } from '../helpers/drafts';

describe('progress of a run on a terminal', () => {
  const tty = { json: false, env: {}, stdoutIsTty: true, stderrIsTty: true };

  it('is shown only to a person at a terminal: not under --json, not redirected, not in CI', () => {
    expect(showsProgress(tty)).toBe(true);
    expect(showsProgress({ ...tty, json: true })).toBe(false);
    expect(showsProgress({ ...tty, stdoutIsTty: false })).toBe(false);
    expect(showsProgress({ ...tty, stderrIsTty: false })).toBe(false);
    expect(showsProgress({ ...tty, env: { CI: 'true' } })).toBe(false);
    expect(showsProgress({ ...tty, env: { CI: '1' } })).toBe(false);
    expect(showsProgress({ ...tty, env: { CI: 'false' } })).toBe(true);
  });

  it('counts rows read, files written and items committed, naming the phase', async () => {
    const lines: string[] = [];
    const progress = createRunProgress([jsonListSource, { ...jsonListSource, id: 'list-b' }], (line) =>
      lines.push(line),
    );
    const pages = ['[]', 'not json'];
    const fetcher = progress.fetcher({
      fetch: async (source) =>
        source.id === 'list-b'
          ? { kind: 'missing', reason: 'no page' }
          : { kind: 'page', page: { body: pages[0]!, url: source.url, etag: null, lastModified: null } },
    });
    expect((await fetcher.fetch(progress.sources[0]!, null)).kind).toBe('page');
    expect(lines.at(-1)).toBe('Reading sources: 1/2 pages, 0 rows read');
    progress.sources[0]!.extract(JSON.stringify([draft('Yksi'), draft('Kaksi'), draft('Kolme')]));
    expect(lines.at(-1)).toBe('Reading sources: 1/2 pages, 3 rows read');
    expect(() => progress.sources[0]!.extract(pages[1]!)).toThrow();
    expect((await fetcher.fetch(progress.sources[1]!, null)).kind).toBe('missing');
    expect(lines.at(-1)).toBe('Linking, diffing and rendering: 2/2 pages, 3 rows read');

    const written: string[] = [];
    const inner: ObjectStore = {
      put: async (o) => void written.push(o.key),
      get: async () => null,
      exists: async () => false,
    };
    const store = progress.store(inner);
    for (const key of ['a.json', 'b.json']) {
      await store.put({ key, body: '{}', contentType: 'application/json', cacheControl: 'no-cache' });
    }
    expect(written).toEqual(['a.json', 'b.json']);
    expect(lines.at(-1)).toBe('Writing files: 2/2 pages, 3 rows read, 2 files written');

    const db = await startEmbeddedDynalite();
    try {
      const { client } = db;
      await client.send(
        new CreateTableCommand({
          TableName: 'progress',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // A table is CREATING for a moment; a write before it is ACTIVE is refused (as in DynamoDB).
      await waitUntilTableExists(
        { client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
        { TableName: 'progress' },
      );
      progress.watch(client);
      const put = (pk: string) => ({ PutRequest: { Item: { pk: { S: pk } } } });
      await client.send(
        new BatchWriteItemCommand({ RequestItems: { progress: [put('a'), put('b'), put('c')] } }),
      );
      expect(lines.at(-1)).toBe(
        'Committing state: 2/2 pages, 3 rows read, 2 files written, 3 items committed',
      );
    } finally {
      await db.close();
    }
  });

  it('groups large counts by thousands', () => {
    expect(
      progressLine({
        pagesRead: 7,
        pages: 7,
        rows: 20_047,
        files: 80_021,
        items: 1_234_567,
        phase: 'writing',
      }),
    ).toBe('Writing files: 7/7 pages, 20 047 rows read, 80 021 files written, 1 234 567 items committed');
  });
});
