import { readFile } from 'node:fs/promises';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../functions/adapters/http-fetch';
import { ConfigError } from '../../functions/core/errors';
import { createHandler } from '../../functions/harvest/handler';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite';
import { type RunningS3rver, startS3rver } from '../helpers/s3rver';

const TABLE_URL = 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet';
const TOPIC = 'arn:aws:sns:eu-north-1:123456789012:amif-awards';

type Scripted = (url: string, init: RequestInit) => Response;

/** The HTTP layer as a script: each call takes the next answer, and every request is kept. */
function scriptedFetch(answers: Scripted[]): {
  fetch: FetchFunction;
  requests: { url: string; headers: Headers }[];
} {
  const requests: { url: string; headers: Headers }[] = [];
  return {
    requests,
    fetch: async (url, init) => {
      requests.push({ url, headers: new Headers(init.headers) });
      const next = answers.shift();
      if (!next) throw new Error(`unexpected request ${url}`);
      return next(url, init);
    },
  };
}

const html =
  (body: string, headers: Record<string, string> = {}): Scripted =>
  () =>
    new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
const status =
  (code: number, headers: Record<string, string> = {}): Scripted =>
  () =>
    new Response(null, { status: code, headers });

describe('Function: harvest handler (dynalite + s3rver, scripted HTTP)', () => {
  let dynamo: TestDynamo;
  let s3: RunningS3rver;
  let env: NodeJS.ProcessEnv;
  let page: string;
  const sns = mockClient(SNSClient);
  const logs: string[] = [];
  let clockAt = Date.parse('2026-11-20T04:00:00Z');

  /** The handler of a run one day after the last, on the test's servers. */
  const nextDayHandler = (fetch: ReturnType<typeof scriptedFetch>['fetch']) => {
    clockAt += 86_400_000;
    return createHandler({
      env,
      dynamodb: dynamo.client,
      s3: s3.client,
      sns: new SNSClient({ region: 'eu-north-1' }),
      fetch,
      clock: () => new Date(clockAt),
      log: (line) => logs.push(line),
      safetyMarginMs: 0,
    });
  };

  const run = (answers: Scripted[]) => {
    const scripted = scriptedFetch(answers);
    const handler = nextDayHandler(scripted.fetch);
    return { scripted, result: handler({}, { getRemainingTimeInMillis: () => 120_000 }) };
  };
  const object = async (key: string) => {
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return got.Body!.transformToString('utf-8');
  };
  const etagOf = async (key: string) =>
    (await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }))).ETag;

  beforeAll(async () => {
    [dynamo, s3] = await Promise.all([startTestDynamo(), startS3rver()]);
    const { tableName } = await dynamo.newStore();
    page = await readFile(new URL('../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');
    env = {
      TABLE_NAME: tableName,
      BUCKET_NAME: s3.bucket,
      PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net/',
      AWARDS_TOPIC_ARN: TOPIC,
      SOURCE_IDS: 'eusa-amif-2021',
      // The scripted HTTP answers the table only; listings are tested in test/core/discovery.
      LISTING_URLS: 'none',
      CONTACT_EMAIL: 'data@example.fi',
    };
  });
  afterAll(async () => {
    sns.restore();
    await Promise.all([dynamo.close(), s3.close()]);
  });
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    logs.length = 0;
  });

  it('200: publishes the table to S3, sends a polite request, emits the run metrics', async () => {
    const { scripted, result } = run([
      html(page, { etag: '"v1"', 'last-modified': 'Tue, 05 Mar 2024 10:00:00 GMT' }),
    ]);
    const report = await result;
    expect(report).toMatchObject({ status: 'published', counts: { total: 47, new: 47 } });
    expect(scripted.requests[0]!.url).toBe(TABLE_URL);
    expect(scripted.requests[0]!.headers.get('user-agent')).toMatch(/^amif-feed\//);
    const json = JSON.parse(await object('v1/projects.json'));
    expect(json.projects).toHaveLength(47);
    expect(json.meta.sources[0]).toMatchObject({ id: 'eusa-amif-2021', pageUpdated: '2024-03-05' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    const metrics = JSON.parse(logs.at(-1)!);
    expect(metrics).toMatchObject({ SuccessfulRuns: 1, Projects: 47, NewProjects: 47, RefusedSources: 0 });
    expect(metrics._aws.CloudWatchMetrics[0].Namespace).toBe('AmifFeed');
  });

  it('304: sends the validators, does not parse again, rewrites only status.json', async () => {
    const before = await etagOf('v1/projects.json');
    const { scripted, result } = run([status(304)]);
    const report = await result;
    expect(scripted.requests[0]!.headers.get('if-none-match')).toBe('"v1"');
    expect(scripted.requests[0]!.headers.get('if-modified-since')).toBe('Tue, 05 Mar 2024 10:00:00 GMT');
    expect(report).toMatchObject({ status: 'unchanged', published: ['v1/status.json'] });
    expect(report.sources[0]).toMatchObject({ status: 'not-modified', records: 47 });
    expect(await etagOf('v1/projects.json')).toBe(before);
  });

  it('503, 503, 200: retries, then publishes the changed amount without notifying', async () => {
    const changed = page.replace('2200120,8', '2300120,8');
    const { scripted, result } = run([
      status(503),
      status(503, { 'retry-after': '0' }),
      html(changed, { etag: '"v2"' }),
    ]);
    const report = await result;
    expect(scripted.requests).toHaveLength(3);
    expect(report).toMatchObject({ status: 'published', counts: { changed: 1, new: 0 } });
    const json = JSON.parse(await object('v1/projects.json'));
    expect(
      json.projects.find((p: { name: string }) => p.name === 'Joustava turvapaikkamenettely').euFundingEur,
    ).toBe(2300120.8);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('a new row: one SNS message with a readable subject listing the award', async () => {
    const $ = cheerio.load(page.replace('2200120,8', '2300120,8'));
    const row = $('tbody tr').first().clone();
    row.children('td').first().text('UUSI - Uusi testihanke');
    $('tbody').append(row);
    const report = await run([html($.html(), { etag: '"v3"' })]).result;
    expect(report.counts).toMatchObject({ new: 1, total: 48 });
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe('1 uusi AMIF-hanke / 1 new AMIF award');
    expect(input.Message).toContain('- UUSI - Uusi testihanke\n  Tuensaaja: Maahanmuuttovirasto');
    expect(input.Message).toContain('New AMIF-funded projects (1):');
    expect(input.MessageAttributes?.awardCount).toEqual({ DataType: 'Number', StringValue: '1' });
  });

  it('SNS down: the run still publishes, the notice stays pending in the state, and the next run sends it once', async () => {
    const $ = cheerio.load(page.replace('2200120,8', '2300120,8'));
    for (const name of ['UUSI - Uusi testihanke', 'UUSI - Toinen testihanke']) {
      const row = $('tbody tr').first().clone();
      row.children('td').first().text(name);
      $('tbody').append(row);
    }
    sns.reset();
    sns
      .on(PublishCommand)
      .rejectsOnce(Object.assign(new Error('Service Unavailable'), { name: 'InternalErrorException' }))
      .resolves({ MessageId: 'm-2' });
    const report = await run([html($.html(), { etag: '"v4"' })]).result;
    expect(report).toMatchObject({ status: 'published', counts: { new: 1, total: 49 } });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);

    // The page has not changed (304): the run only sends what is pending.
    const next = await run([status(304)]).result;
    expect(next.status).toBe('unchanged');
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(2);
    const sent = calls[1]!.args[0].input;
    expect(sent.Subject).toBe('1 uusi AMIF-hanke / 1 new AMIF award');
    expect(sent.Message).toContain('- UUSI - Toinen testihanke');
    expect(sent.MessageAttributes?.runId).toEqual({ DataType: 'String', StringValue: report.runId });

    expect((await run([status(304)]).result).status).toBe('unchanged');
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it.each([
    [
      'an oversize body',
      [html('x'.repeat(6 * 1024 * 1024))],
      /expected at most 5242880 bytes, found at least 6291456/,
      'SourceRefused',
    ],
    ['a page that is gone', [status(404)], /found HTTP 404: the page is gone/, 'SourceMoved'],
    [
      'a redirect to a host outside the allowlist',
      [status(302, { location: 'https://evil.example/page' })],
      /evil\.example/,
      'SourceRefused',
    ],
    [
      'a non-HTML content type',
      [() => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })],
      /expected text\/html/,
      'SourceRefused',
    ],
  ])(
    '%s: fails the run, publishes nothing from it, keeps the feed, names the source in its metric',
    async (_name, answers, message, metric) => {
      const before = await etagOf('v1/projects.json');
      const beforeBody = await object('v1/projects.json');
      await expect(run(answers as Scripted[]).result).rejects.toThrow(/no source could be read/);
      const statusDoc = JSON.parse(await object('v1/status.json'));
      expect(statusDoc.run.status).toBe('failed');
      expect(statusDoc.run.sources[0].status).toBe('failed');
      expect(statusDoc.run.sources[0].warnings[0]).toMatch(message);
      expect(await etagOf('v1/projects.json')).toBe(before);
      expect(await object('v1/projects.json')).toBe(beforeBody);
      expect(JSON.parse(logs.at(-2)!)).toMatchObject({ SuccessfulRuns: 0 });
      const line = JSON.parse(logs.at(-1)!);
      expect(line).toMatchObject({ SourceId: 'eusa-amif-2021', [metric as string]: 1 });
      expect(line._aws.CloudWatchMetrics).toEqual([
        { Namespace: 'AmifFeed', Dimensions: [['SourceId']], Metrics: [{ Name: metric, Unit: 'Count' }] },
      ]);
    },
  );

  it('gives a page no more parse time than the invocation has left: refused (exit 3), never a Lambda timeout', async () => {
    // Run alone, nothing was published before; in the file's order, the earlier runs' projects.
    const beforeBody = await object('v1/projects.json').catch(() => null);
    const scripted = scriptedFetch([
      async () => {
        // The page arrives after the invocation's time (less its margin) has run out.
        await new Promise((done) => setTimeout(done, 1_600));
        return new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
      },
    ] as unknown as Scripted[]);
    const handler = nextDayHandler(scripted.fetch);
    // The only source refused: the run counts as failed, so the errors alarm fires too.
    await expect(handler({}, { getRemainingTimeInMillis: () => 1_500 })).rejects.toThrow(
      'no source could be read: eusa-amif-2021: page layout changed: expected a page that parses in the 0 ms the run had left, found 0 % of its 65659 characters parsed when the time ran out (a hostile or broken page; it was refused); nothing of it was published',
    );
    expect(await object('v1/projects.json').catch(() => null)).toBe(beforeBody);
    expect(JSON.parse(logs.at(-2)!)).toMatchObject({ RefusedSources: 1, SuccessfulRuns: 0 });
    expect(JSON.parse(logs.at(-1)!)).toMatchObject({ SourceId: 'eusa-amif-2021', SourceRefused: 1 });
  });

  it('refuses to start with a clear error naming the missing variable', async () => {
    const handler = createHandler({ env: { BUCKET_NAME: 'b', PUBLIC_BASE_URL: 'https://x.example' } });
    await expect(handler({})).rejects.toThrow(ConfigError);
    await expect(
      createHandler({ env: { BUCKET_NAME: 'b', PUBLIC_BASE_URL: 'https://x.example' } })({}),
    ).rejects.toThrow(/TABLE_NAME/);
    await expect(
      createHandler({
        env: { ...env, PRESS_RELEASE_URLS: 'http://intermin.fi/x' },
        dynamodb: dynamo.client,
        s3: s3.client,
      })({}),
    ).rejects.toThrow(
      'PRESS_RELEASE_URLS holds entries that are not "https://…" or "<id>=https://…" (id: lower-case letters, digits and hyphens): "http://intermin.fi/x"',
    );
  });
});
