/**
 * The award signal's own alarm: a release that a listing led to, fetched but not understood, is
 * counted under the discovered releases (the stack's one alarm for them, infra/constructs/alarms.ts),
 * besides its own id, which no alarm can name in advance. Through the handler, on dynalite and s3rver.
 */
import { readFile } from 'node:fs/promises';
import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../functions/adapters/http-fetch';
import { createHandler } from '../../functions/harvest/handler';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { type RunningS3rver, startS3rver } from '../helpers/s3rver';

const TABLE_URL = 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet';
const LISTING_URL = 'https://intermin.fi/sv/sok?q=AMIF';
/** The release the bundled listing leads to (seeds/README.md). */
const RELEASE_URL =
  'https://soteuudistus.fi/sv/-/1410869/inrikesministeriet-beviljar-10-4-miljoner-euro-eu-finansiering-for-utveckling-av-asylsystemet-framjande-av-integration-och-stod-till-atgarder-for-atervandande';
/** What the release's address answers here: a page of the site with no release in it. */
const NOT_A_RELEASE =
  '<!doctype html><html lang="sv"><body><main><h2>Underhåll</h2><p>Webbplatsen uppdateras. Försök igen senare.</p></main></body></html>';

describe('Function: harvest handler, a discovered release that cannot be read', () => {
  let dynamo: TestDynamo;
  let s3: RunningS3rver;
  let pages: Map<string, string>;
  let tableName: string;
  const requested: string[] = [];
  const logs: string[] = [];
  const fetch: FetchFunction = async (url) => {
    requested.push(url);
    const body = pages.get(url);
    return body === undefined
      ? new Response(null, { status: 404 })
      : new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  };
  /** The handler of a run on `day` (November 2026), on one table all the tests share. */
  const handlerOn = (day: number) =>
    createHandler({
      env: {
        TABLE_NAME: tableName,
        BUCKET_NAME: s3.bucket,
        PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net/',
        SOURCE_IDS: 'eusa-amif-2021',
        LISTING_URLS: `intermin-search-sv=${LISTING_URL}`,
        CONTACT_EMAIL: 'data@example.fi',
      },
      dynamodb: dynamo.client,
      s3: s3.client,
      sns: new SNSClient({ region: 'eu-north-1' }),
      fetch,
      clock: () => new Date(`2026-11-${day}T04:00:00Z`),
      log: (line) => logs.push(line),
      safetyMarginMs: 0,
    });
  const context = { getRemainingTimeInMillis: () => 120_000 };

  beforeAll(async () => {
    [dynamo, s3] = await Promise.all([startTestDynamo(), startS3rver()]);
    const seed = (name: string) => readFile(new URL(`../../seeds/pages/${name}`, import.meta.url), 'utf8');
    pages = new Map([
      [TABLE_URL, await seed('eusa-amif-2021.html')],
      [LISTING_URL, await seed('intermin-search-sv.html')],
      [RELEASE_URL, NOT_A_RELEASE],
    ]);
    ({ tableName } = await dynamo.newStore());
  });
  afterAll(() => Promise.all([dynamo.close(), s3.close()]));

  it('is reported refused, by its id and under the discovered releases, in the same run that found it', async () => {
    const report = await handlerOn(21)({}, context);
    expect(requested).toContain(RELEASE_URL);
    const release = report.sources.find((s) => s.url === RELEASE_URL);
    expect(release).toMatchObject({ id: 'intermin-press-2023-04-12-sv', status: 'refused' });
    expect(report.sources.find((s) => s.id === 'eusa-amif-2021')).toMatchObject({ status: 'ok' });

    const lines = logs.map((l) => JSON.parse(l)).filter((l) => l.SourceRefused === 1);
    expect(lines).toEqual([
      {
        _aws: {
          Timestamp: Date.parse('2026-11-21T04:00:00Z'),
          CloudWatchMetrics: [
            {
              Namespace: 'AmifFeed',
              Dimensions: [['SourceId'], ['SourceGroup']],
              Metrics: [{ Name: 'SourceRefused', Unit: 'Count' }],
            },
          ],
        },
        runId: report.runId,
        SourceId: 'intermin-press-2023-04-12-sv',
        SourceGroup: 'discovered-releases',
        problem: 'refused',
        SourceRefused: 1,
      },
    ]);
  });

  it('an invocation with {"forgetReleases": [id]} forgets it: no longer read, no metric, not found again', async () => {
    logs.length = 0;
    requested.length = 0;
    const report = await handlerOn(22)({ forgetReleases: ['intermin-press-2023-04-12-sv'] }, context);
    expect(report.sources.map((s) => s.id)).not.toContain('intermin-press-2023-04-12-sv');
    expect(report.warnings).toContainEqual(
      expect.stringContaining('intermin-press-2023-04-12-sv: note: forgotten as asked'),
    );
    expect(requested).not.toContain(RELEASE_URL);
    expect(logs.map((l) => JSON.parse(l)).filter((l) => l.SourceRefused === 1)).toEqual([]);
    requested.length = 0;
    expect((await handlerOn(23)({}, context)).sources.map((s) => s.id)).not.toContain(
      'intermin-press-2023-04-12-sv',
    );
    expect(requested).not.toContain(RELEASE_URL);
  });

  it('refuses a malformed list of releases to forget, naming what it found', async () => {
    await expect(handlerOn(24)({ forgetReleases: 'intermin-press-2023-04-12-sv' }, context)).rejects.toThrow(
      'forgetReleases expects a list of source ids such as ["intermin-press-fi-0123456789"], found "intermin-press-2023-04-12-sv"',
    );
  });
});
