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

  beforeAll(async () => {
    [dynamo, s3] = await Promise.all([startTestDynamo(), startS3rver()]);
    const seed = (name: string) => readFile(new URL(`../../seeds/pages/${name}`, import.meta.url), 'utf8');
    pages = new Map([
      [TABLE_URL, await seed('eusa-amif-2021.html')],
      [LISTING_URL, await seed('intermin-search-sv.html')],
      [RELEASE_URL, NOT_A_RELEASE],
    ]);
  });
  afterAll(() => Promise.all([dynamo.close(), s3.close()]));

  it('is reported refused, by its id and under the discovered releases, in the same run that found it', async () => {
    const { tableName } = await dynamo.newStore();
    const requested: string[] = [];
    const fetch: FetchFunction = async (url) => {
      requested.push(url);
      const body = pages.get(url);
      return body === undefined
        ? new Response(null, { status: 404 })
        : new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    };
    const logs: string[] = [];
    const handler = createHandler({
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
      clock: () => new Date('2026-11-21T04:00:00Z'),
      log: (line) => logs.push(line),
      safetyMarginMs: 0,
    });
    const report = await handler({}, { getRemainingTimeInMillis: () => 120_000 });
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
});
