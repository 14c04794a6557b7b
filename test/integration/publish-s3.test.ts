import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ObjectStore } from '../../functions/adapters/s3-objects';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { RunReport } from '../../functions/core/model/run-report';
import { SNAPSHOT_INDEX_KEY, type SnapshotIndex } from '../../functions/core/model/snapshot';
import { runPipeline } from '../../functions/core/pipeline';
import type { ObjectStore, ObjectToWrite } from '../../functions/core/ports';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { pageFetcher, quietLogger } from '../helpers/doubles';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { type RunningS3rver, startS3rver } from '../helpers/s3rver';

/**
 * End to end against s3rver: the real pipeline renders the 2021 table from its bundled page and
 * publishes through the S3 adapter; every object is read back over the S3 API and compared, bytes
 * and headers, with what the pipeline wrote.
 */

const quiet = quietLogger;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (body: string | Uint8Array) =>
  typeof body === 'string' ? new TextEncoder().encode(body) : body;

describe('Publish to S3 (s3rver): what the pipeline writes is what a reader gets', () => {
  let s3: RunningS3rver;
  let dynamo: TestDynamo;
  let page: string;
  let written: ObjectToWrite[];
  let store: ObjectStore;
  let first: RunReport;

  const fetcher = pageFetcher(() => page);
  let state: Awaited<ReturnType<TestDynamo['newStore']>>['store'];
  const run = (at: string) =>
    runPipeline({
      sources: [eusaAmif2021],
      fetcher,
      state,
      store,
      notifier: { notify: async () => {} },
      logger: quiet,
      now: new Date(at),
      config: feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' }),
    });
  const getObject = async (key: string) => {
    const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return {
      bytes: await out.Body!.transformToByteArray(),
      contentType: out.ContentType,
      cacheControl: out.CacheControl,
      etag: out.ETag,
    };
  };
  const listKeys = async () => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, ContinuationToken: token, MaxKeys: 1000 }),
      );
      keys.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  };

  beforeAll(async () => {
    [s3, dynamo] = await Promise.all([startS3rver(), startTestDynamo()]);
    ({ store: state } = await dynamo.newStore());
    page = await readFile(new URL('../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');
    const s3Store = createS3ObjectStore({ client: s3.client, bucket: s3.bucket });
    written = [];
    store = {
      put: async (object) => {
        await s3Store.put(object);
        written.push(object);
      },
      get: (key) => s3Store.get(key),
      exists: (key) => s3Store.exists(key),
    };
    first = await run('2026-11-22T04:00:00Z');
  });
  afterAll(async () => {
    await Promise.all([s3?.close(), dynamo?.close()]);
  });

  it('publishes every file the report lists, and nothing else', async () => {
    expect(first.status).toBe('published');
    expect(written.map((o) => o.key).sort()).toEqual(first.published);
    expect(await listKeys()).toEqual(first.published);
    for (const key of [
      'v1/projects.json',
      'v1/projects.csv',
      'v1/projects.excel.csv',
      'v1/datapackage.json',
      'v1/catalog.ttl',
      'v1/catalog.jsonld',
      'v1/status.json',
      SNAPSHOT_INDEX_KEY,
      'v1/snapshots/2026-11-22T040000Z/projects.csv',
    ]) {
      expect(first.published).toContain(key);
    }
  });

  it('reads back every object with the same bytes, Content-Type and Cache-Control', async () => {
    for (const object of written) {
      const got = await getObject(object.key);
      expect(sha256(got.bytes), object.key).toBe(sha256(bytesOf(object.body)));
      expect(got.bytes.byteLength, object.key).toBe(bytesOf(object.body).byteLength);
      expect(got.contentType, object.key).toBe(object.contentType);
      expect(got.cacheControl, object.key).toBe(object.cacheControl);
    }
    const excel = await getObject('v1/projects.excel.csv');
    expect([...excel.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.contentType).toBe('text/csv; charset=utf-8');
    expect((await getObject('v1/snapshots/2026-11-22T040000Z/datapackage.json')).cacheControl).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await getObject('v1/catalog.ttl')).contentType).toBe('text/turtle');
  });

  it('the snapshot index and the catalogue give the stored sizes and hashes', async () => {
    const index: SnapshotIndex = JSON.parse(
      new TextDecoder().decode((await getObject(SNAPSHOT_INDEX_KEY)).bytes),
    );
    for (const f of index.snapshots[0]!.files) {
      const got = await getObject(f.path);
      expect(got.bytes.byteLength).toBe(f.bytes);
      expect(sha256(got.bytes)).toBe(f.sha256);
    }
    const ttl = new TextDecoder().decode((await getObject('v1/catalog.ttl')).bytes);
    const csv = await getObject('v1/projects.csv');
    expect(ttl).toContain(`"${csv.bytes.byteLength}"^^xsd:nonNegativeInteger`);
    // The hashes are in the Data Package (the catalogue carries no spdx:checksum).
    const dp = JSON.parse(new TextDecoder().decode((await getObject('v1/datapackage.json')).bytes));
    expect(dp.resources[0]).toMatchObject({ path: 'projects.csv', hash: `sha256:${sha256(csv.bytes)}` });
  });

  it('an unchanged run writes only status.json; a changing run adds a snapshot and never rewrites the first', async () => {
    const snapshotKeys = first.published.filter((k) => k.startsWith('v1/snapshots/2026-11-22T040000Z/'));
    const before = new Map(
      await Promise.all(snapshotKeys.map(async (k) => [k, (await getObject(k)).etag] as const)),
    );
    written.length = 0;
    const unchanged = await run('2026-11-23T04:00:00Z');
    expect(unchanged.status).toBe('unchanged');
    expect(written.map((o) => o.key)).toEqual(['v1/status.json']);

    const $ = cheerio.load(page);
    $('tbody tr').first().children('td').eq(4).text('1 234 567,89');
    page = $.html();
    written.length = 0;
    const changed = await run('2026-11-29T04:00:00Z');
    expect(changed.status).toBe('published');
    expect(changed.counts.changed).toBe(1);
    expect(written.some((o) => o.key.startsWith('v1/snapshots/2026-11-29T040000Z/'))).toBe(true);
    expect(written.some((o) => o.key.startsWith('v1/snapshots/2026-11-22T040000Z/'))).toBe(false);
    // The commit came first; status.json is the run's last write.
    expect(written.at(-1)!.key).toBe('v1/status.json');
    for (const [key, etag] of before) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(head.ETag, key).toBe(etag);
    }
    const index: SnapshotIndex = JSON.parse(
      new TextDecoder().decode((await getObject(SNAPSHOT_INDEX_KEY)).bytes),
    );
    expect(index.snapshots.map((s) => s.id)).toEqual(['2026-11-22T040000Z', '2026-11-29T040000Z']);
    expect(new TextDecoder().decode((await getObject('v1/projects.csv')).bytes)).toContain('1234567.89');
  });
});
