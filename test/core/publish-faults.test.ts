import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client, createS3ObjectStore } from '../../functions/adapters/s3-objects';
import { PublishError } from '../../functions/core/errors';
import { feedConfigSchema } from '../../functions/core/feed-config';
import type { ProjectDraft } from '../../functions/core/model/project';
import { SNAPSHOT_INDEX_KEY } from '../../functions/core/model/snapshot';
import { runPipeline } from '../../functions/core/pipeline';
import { renderAtomFeedFile } from '../../functions/core/render/atom-feed';
import { renderExcelCsv } from '../../functions/core/render/excel-csv';
import type { PublishStage } from '../../functions/core/render/output-file';
import { renderProjectHistories } from '../../functions/core/render/project-history-json';
import { XLSX_KEY } from '../../functions/core/render/projects-xlsx';
import type { Renderer } from '../../functions/core/render/render-context';
import { renderLatestDataset } from '../../functions/core/render/render-dataset';
import { expectLatestFilesRenderCommittedState } from '../helpers/committed-render';
import { jsonListSource, pageFetcher, quietLogger } from '../helpers/doubles';
import { draft } from '../helpers/drafts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';

/**
 * Fault injection at the S3 API: the pipeline publishes through the real S3 object store to a
 * mocked S3 client whose bucket is a Map, and one PutObject fails. The state (real dynalite) is
 * committed before any file is written, with the publication pending; the files go out stage by
 * stage (immutable snapshot files, per-project files, the latest files, the index files), then
 * status.json. Whatever step fails, the next run first writes the pending publication from the
 * committed state, so the latest files end up exactly what the committed state renders.
 */

type Step = PublishStage | 'status';
const STEPS: Step[] = ['immutable', 'detail', 'latest', 'index', 'status'];

const quiet = quietLogger;
const LIST = jsonListSource;
const NAMES = ['Kotona Suomessa', 'Kielitaitoa', 'Osaava Suomi', 'Turvallinen paluu', 'Yhdessä'];
const pageWith = (amount: number) => NAMES.map((n, i) => draft(n, i === 0 ? { euFundingEur: amount } : {}));

const BUCKET = 'amif-feed-test';
const internalError = () =>
  new S3ServiceException({
    name: 'InternalError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
    message: 'We encountered an internal error. Please try again.',
  });

describe('Publish order under S3 faults: a failure at each step', () => {
  let dynamo: TestDynamo;
  let s3Mock: AwsClientStub<S3Client>;

  beforeAll(async () => {
    dynamo = await startTestDynamo();
    s3Mock = mockClient(S3Client);
  });
  afterAll(async () => {
    s3Mock.restore();
    await dynamo.close();
  });

  /** A bucket in a Map behind the mocked client; `failKey` makes that PutObject fail. */
  function bucket() {
    const objects = new Map<string, { body: Uint8Array; contentType?: string; cacheControl?: string }>();
    const puts: string[] = [];
    let failKey: ((key: string) => boolean) | null = null;
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).callsFake(async (input) => {
      const key = input.Key as string;
      if (failKey?.(key)) throw internalError();
      puts.push(key);
      objects.set(key, {
        body: input.Body as Uint8Array,
        contentType: input.ContentType,
        cacheControl: input.CacheControl,
      });
      return {};
    });
    s3Mock.on(HeadObjectCommand).callsFake(async (input) => {
      if (!objects.has(input.Key as string)) {
        throw new NotFound({ $metadata: { httpStatusCode: 404 }, message: 'NotFound' });
      }
      return {};
    });
    s3Mock.on(GetObjectCommand).callsFake(async (input) => {
      const object = objects.get(input.Key as string);
      if (!object) throw new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'NoSuchKey' });
      return { Body: { transformToByteArray: async () => object.body } };
    });
    const client = createS3Client({
      region: 'eu-north-1',
      credentials: { accessKeyId: 'T', secretAccessKey: 'T' },
    });
    return {
      objects,
      puts,
      store: createS3ObjectStore({ client, bucket: BUCKET }),
      failWhen: (f: ((key: string) => boolean) | null) => {
        failKey = f;
      },
    };
  }

  async function harness() {
    const { store: state } = await dynamo.newStore();
    const b = bucket();
    let page = pageWith(100_000);
    /** The stage of every first-phase file, as the renderers declared it. */
    const stages = new Map<string, PublishStage>();
    const capture =
      (render: Renderer): Renderer =>
      (ctx) => {
        const files = render(ctx);
        for (const f of files) stages.set(f.key, f.stage);
        return files;
      };
    const fetcher = pageFetcher(() => JSON.stringify(page));
    const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' });
    const renderers = [renderLatestDataset, renderExcelCsv, renderProjectHistories, renderAtomFeedFile].map(
      capture,
    );
    const run = (at: string) =>
      runPipeline({
        sources: [LIST],
        fetcher,
        state,
        store: b.store,
        notifier: { notify: async () => {} },
        logger: quiet,
        now: new Date(at),
        config,
        renderers,
      });
    const stepOf = (key: string): Step => {
      if (key === 'v1/status.json') return 'status';
      if (key.startsWith('v1/snapshots/') && key !== SNAPSHOT_INDEX_KEY) return 'immutable';
      if ([SNAPSHOT_INDEX_KEY, 'v1/datapackage.json', 'v1/catalog.ttl', 'v1/catalog.jsonld'].includes(key)) {
        return 'index';
      }
      // The workbook is rendered asynchronously beside the renderers (exceljs writes asynchronously).
      if (key === XLSX_KEY) return 'latest';
      const stage = stages.get(key);
      if (!stage) throw new Error(`unknown key ${key}`);
      return stage;
    };
    const amount = async () => (await state.loadCurrent()).find((r) => r.name === NAMES[0])!.euFundingEur;
    const setPage = (p: ProjectDraft[]) => {
      page = p;
    };
    const read = async (key: string) => b.objects.get(key)?.body ?? null;
    const invariant = () =>
      expectLatestFilesRenderCommittedState(state, read, { config, sources: [LIST], renderers });
    return { ...b, state, run, stepOf, amount, setPage, invariant };
  }

  const victims: Record<Step, (key: string) => boolean> = {
    immutable: (k) => /^v1\/snapshots\/2026-11-21T040000Z\/projects\.csv$/.test(k),
    detail: (k) => k.startsWith('v1/projects/'),
    latest: (k) => k === 'v1/projects.csv',
    index: (k) => k === 'v1/catalog.ttl',
    status: (k) => k === 'v1/status.json',
  };

  for (const failing of STEPS) {
    it(`a failure in the ${failing} step: the state is committed, later steps not written; the next run writes the pending publication, then follows the page back and forth`, async () => {
      const t = await harness();
      await t.run('2026-11-20T04:00:00Z');
      await t.invariant();
      const baseline = new Map([...t.objects].map(([k, v]) => [k, Buffer.from(v.body)]));

      t.setPage(pageWith(123_456.78));
      t.puts.length = 0;
      let victim = '';
      t.failWhen((k) => {
        if (victims[failing](k) && (victim === '' || victim === k)) {
          victim = k;
          return true;
        }
        return false;
      });
      const error = await t.run('2026-11-21T04:00:00Z').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).key).toBe(victim);
      expect(t.puts).not.toContain(victim);
      // The commit came first: the state holds the change, its publication pending.
      expect(await t.amount()).toBe(123_456.78);
      const pending = await t.state.loadPublication();
      expect(pending).toMatchObject({ runId: 'run-20261121T040000Z', status: 'pending' });

      const rank = STEPS.indexOf(failing);
      // Nothing of a later step was attempted after the failure, and later latest files are untouched.
      for (const key of t.puts) expect(STEPS.indexOf(t.stepOf(key)), key).toBeLessThanOrEqual(rank);
      for (const key of ['v1/projects.json', 'v1/projects.csv', 'v1/catalog.ttl', 'v1/status.json']) {
        if (STEPS.indexOf(t.stepOf(key)) > rank) {
          expect(Buffer.from(t.objects.get(key)!.body).equals(baseline.get(key)!), key).toBe(true);
        }
      }

      // The page goes back before the next run: the pending publication is written first, then
      // the revert is a change of its own.
      t.failWhen(null);
      t.setPage(pageWith(100_000));
      t.puts.length = 0;
      const reverted = await t.run('2026-11-22T04:00:00Z');
      expect(reverted).toMatchObject({ status: 'published', counts: { changed: 1 } });
      expect(reverted.warnings).toContain(
        `run run-20261121T040000Z committed a publication but did not finish writing it; its ${pending!.files} files were written from the committed state before this run`,
      );
      // The snapshot file that failed is written now; the ones already there are not rewritten.
      expect(t.puts.includes('v1/snapshots/2026-11-21T040000Z/projects.csv')).toBe(failing === 'immutable');
      expect(t.objects.has('v1/snapshots/2026-11-21T040000Z/projects.csv')).toBe(true);
      expect(await t.amount()).toBe(100_000);
      await t.invariant();
      expect(new TextDecoder().decode(t.objects.get('v1/projects.csv')!.body)).toContain('100000.00');

      t.setPage(pageWith(123_456.78));
      expect(await t.run('2026-11-23T04:00:00Z')).toMatchObject({
        status: 'published',
        counts: { changed: 1 },
      });
      await t.invariant();
      expect((await t.run('2026-11-24T04:00:00Z')).status).toBe('unchanged');
      await t.invariant();
      const index = JSON.parse(new TextDecoder().decode(t.objects.get(SNAPSHOT_INDEX_KEY)!.body));
      expect(index.snapshots.map((s: { id: string }) => s.id)).toEqual([
        '2026-11-20T040000Z',
        '2026-11-21T040000Z',
        '2026-11-22T040000Z',
        '2026-11-23T040000Z',
      ]);
    });
  }

  it('writes each step in order on a clean run, every object with its content type and cache headers', async () => {
    const t = await harness();
    await t.run('2026-11-20T04:00:00Z');
    const ranks = t.puts.map((k) => STEPS.indexOf(t.stepOf(k)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(t.puts.at(-1)).toBe('v1/status.json');
    for (const [key, object] of t.objects) {
      const step = t.stepOf(key);
      expect(object.contentType, key).toBeTruthy();
      expect(object.cacheControl, key).toBe(
        step === 'immutable'
          ? 'public, max-age=31536000, immutable'
          : key === 'v1/status.json'
            ? 'public, max-age=60, must-revalidate'
            : 'public, max-age=300, must-revalidate',
      );
    }
    expect(t.objects.get('v1/catalog.ttl')!.contentType).toBe('text/turtle');
    expect(t.objects.get('v1/catalog.jsonld')!.contentType).toBe('application/ld+json');
    expect(t.objects.get('v1/projects.excel.csv')!.contentType).toBe('text/csv; charset=utf-8');
  });
});
