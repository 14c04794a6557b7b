import type { ChildProcess } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBundledHandler,
  type Invocation,
  invokeBundled,
  type LocalAws,
  removeDir,
  scratchDir,
  startLocalAws,
} from '../../scripts/local-lambda';
import type { DynamoCounts, S3Counts } from '../../scripts/request-counter';
import { BUNDLED_FIRST_RUN_SOURCES } from '../helpers/bundled-run';

/**
 * The deployed artefact, end to end: the handler bundled as `cdk synth` bundles it, loaded by a fresh
 * Node process and invoked as Lambda calls it, against s3rver and dynalite, on the bundled pages
 * (through AMIF_LOCAL_PAGES_DIR). One bundle and one pair of servers for the whole file; each step
 * is the next day's run on the state the previous one left. The request counts feed docs/cost.md.
 */
describe('The bundled harvester, invoked as Lambda invokes it', () => {
  let work: string;
  let pages: string;
  let bundle: string;
  let local: LocalAws;
  let s3: S3Client;
  const measured: Record<string, { s3: S3Counts; dynamo: DynamoCounts }> = {};

  const invoke = async (label: string, started?: (child: ChildProcess) => void): Promise<Invocation> => {
    // A run's id is its second, and a run not after the last one is refused (docs/operations.md): the
    // scheduled function runs a day apart, these invocations can fall within one second.
    await new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
    local.resetCounts();
    const run = await invokeBundled(bundle, local, { pagesDir: pages, ...(started ? { started } : {}) });
    measured[label] = structuredClone({ s3: local.s3, dynamo: local.dynamo });
    return run;
  };
  const object = async (key: string) => {
    const got = await s3.send(new GetObjectCommand({ Bucket: local.bucket, Key: key }));
    return got.Body!.transformToString('utf-8');
  };
  const projects = async () =>
    (JSON.parse(await object('v1/projects.json')) as { projects: { name: string; euFundingEur: number }[] })
      .projects;
  const map = async () => (await projects()).find((p) => p.name === 'Mahdollisuutena paluu - MAP');
  const editPage = async (id: string, from: string, to: string) => {
    const file = join(pages, `${id}.html`);
    const html = await readFile(file, 'utf8');
    expect(html).toContain(from);
    await writeFile(file, html.replace(from, to));
  };
  const metricLines = (run: Invocation) =>
    run.logs.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    work = await scratchDir('amif-e2e-');
    pages = join(work, 'pages');
    await cp(new URL('../../seeds/pages/', import.meta.url), pages, { recursive: true });
    [bundle, local] = await Promise.all([buildBundledHandler(join(work, 'bundle')), startLocalAws()]);
    s3 = new S3Client({
      endpoint: local.s3Endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  }, 120_000);
  afterAll(async () => {
    process.stdout.write(`bundled-handler requests per run: ${JSON.stringify(measured)}\n`);
    s3?.destroy();
    await local?.close();
    await removeDir(work);
  });

  it('first run: publishes every source, 60 projects, and counts itself successful', async () => {
    const run = await invoke('first');
    expect(run.error).toBeNull();
    expect(run.report).toMatchObject({ status: 'published', counts: { total: 60, new: 60 } });
    expect(run.report!.sources.map((s) => [s.id, s.status, s.records])).toEqual(BUNDLED_FIRST_RUN_SOURCES);
    expect(await projects()).toHaveLength(60);
    expect(await map()).toMatchObject({ euFundingEur: 330776 });
    expect(local.s3.put).toBe(run.report!.published.length);
    expect(metricLines(run)).toEqual([
      expect.objectContaining({ SuccessfulRuns: 1, Projects: 60, NewProjects: 60 }),
    ]);
  });

  it('unchanged run: rewrites only status.json', async () => {
    const run = await invoke('unchanged');
    expect(run.report).toMatchObject({ status: 'unchanged', published: ['v1/status.json'] });
    expect(local.s3).toMatchObject({ put: 1 });
    expect(metricLines(run)).toEqual([expect.objectContaining({ SuccessfulRuns: 1, NewProjects: 0 })]);
  });

  it('changed run: an edited amount gives one changed project', async () => {
    await editPage('eusa-amif-2014-so3', 'EU-tuen määrä: 330 776 euroa.', 'EU-tuen määrä: 331 776 euroa.');
    const run = await invoke('changed');
    expect(run.report).toMatchObject({
      status: 'published',
      counts: { total: 60, new: 0, changed: 1, removed: 0 },
    });
    expect(await map()).toMatchObject({ euFundingEur: 331776 });
  });

  it('a failed and a refused source: the run publishes the rest, succeeds, and names both in their metrics', async () => {
    const before = await object('v1/projects.json');
    const so3 = join(pages, 'eusa-amif-2014-so3.html');
    const saved = await readFile(so3);
    await rm(so3);
    await mkdir(so3); // unreadable as a page: the fetch fails
    await writeFile(
      join(pages, 'migri-hankkeet.html'),
      '<!DOCTYPE html><html lang="fi"><body><main><p>Huolto</p></main></body></html>',
    );
    const run = await invoke('failed-source');
    expect(run.report).toMatchObject({ status: 'partial', counts: { total: 60, changed: 0, removed: 0 } });
    const status = Object.fromEntries(run.report!.sources.map((s) => [s.id, [s.status, s.problem ?? null]]));
    expect(status['eusa-amif-2014-so3']).toEqual(['failed', 'rejected']);
    expect(status['migri-hankkeet']).toEqual(['refused', null]);
    expect(metricLines(run)).toEqual([
      expect.objectContaining({ SuccessfulRuns: 1, RefusedSources: 1 }),
      expect.objectContaining({ SourceId: 'eusa-amif-2014-so3', problem: 'refused', SourceRefused: 1 }),
      expect.objectContaining({ SourceId: 'migri-hankkeet', problem: 'refused', SourceRefused: 1 }),
    ]);
    expect(JSON.parse(await object('v1/projects.json'))).toEqual(JSON.parse(before));
    await rm(so3, { recursive: true });
    await writeFile(so3, saved);
    await cp(
      new URL('../../seeds/pages/migri-hankkeet.html', import.meta.url),
      join(pages, 'migri-hankkeet.html'),
    );
  });

  it('makes the requests docs/cost.md prices: S3 requests by kind, DynamoDB capacity units', () => {
    const none = { get: 0, list: 0, other: 0 };
    expect(measured.first).toEqual({
      s3: { put: 484, head: 11, ...none },
      dynamo: {
        requests: { GetItem: 9, PutItem: 5, Query: 10, BatchWriteItem: 7, DeleteItem: 1 },
        readUnits: 9,
        writeUnits: 760,
      },
    });
    expect(measured.unchanged).toEqual({
      s3: { put: 1, head: 0, ...none },
      dynamo: {
        requests: { GetItem: 8, PutItem: 4, Query: 5, BatchWriteItem: 2, DeleteItem: 1 },
        readUnits: 22,
        writeUnits: 137,
      },
    });
    // The changed run reads back the last snapshot's change history (v1/changes.csv, .jsonl) to append to it.
    expect(measured.changed).toEqual({
      s3: { put: 52, head: 11, get: 2, list: 0, other: 0 },
      dynamo: {
        requests: { GetItem: 9, PutItem: 5, Query: 10, BatchWriteItem: 2, DeleteItem: 1 },
        readUnits: 124,
        writeUnits: 152,
      },
    });
  });

  it('a run killed while it publishes is finished by the next one', async () => {
    await editPage('eusa-amif-2014-so3', 'EU-tuen määrä: 331 776 euroa.', 'EU-tuen määrä: 332 776 euroa.');
    let child: ChildProcess | null = null;
    let puts = 0;
    local.s3Gate = (kind) => {
      if (kind !== 'put' || ++puts < 3) return true;
      child?.kill('SIGKILL'); // the function dies with its third object write in flight
      return false;
    };
    const killed = await invoke('killed', (c) => {
      child = c;
    });
    local.s3Gate = null;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.report).toBeNull();
    expect(await map()).toMatchObject({ euFundingEur: 331776 });

    await local.expireLease(); // by the next day's run, the killed run's lease has run out
    const next = await invoke('recovery');
    expect(next.error).toBeNull();
    expect(next.report!.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/committed a publication but did not finish writing it/),
      ]),
    );
    expect(await map()).toMatchObject({ euFundingEur: 332776 });
    expect(await projects()).toHaveLength(60);
  });
});
