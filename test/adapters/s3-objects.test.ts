import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createS3Client, createS3ObjectStore } from '../../functions/adapters/s3-objects';
import { ConfigError, PublishError } from '../../functions/core/errors';
import type { ObjectStore } from '../../functions/core/ports';
import {
  bytes,
  CSV,
  describeObjectStore,
  IMMUTABLE,
  JSON_TYPE,
  SHORT,
  utf8,
} from '../helpers/object-store-contract';
import { type RunningS3rver, startS3rver } from '../helpers/s3rver';

/** The shared suite's stores: one s3rver, a fresh key prefix per test. */
let contractS3: RunningS3rver | undefined;
let contractStores = 0;
describeObjectStore('S3 (s3rver)', async () => {
  contractS3 ??= await startS3rver();
  const { client, bucket } = contractS3;
  const prefix = `contract-${++contractStores}/`;
  return {
    store: createS3ObjectStore({ client, bucket, prefix }),
    headersOf: async (key) => {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}${key}` }));
        return { contentType: head.ContentType ?? '', cacheControl: head.CacheControl ?? '' };
      } catch (error) {
        if (error instanceof NotFound) return null;
        throw error;
      }
    },
    close: async () => {},
  };
});
afterAll(async () => {
  await contractS3?.close();
});

/** Headers that would mean the SDK sent a flexible checksum (and, for streams, aws-chunked trailers). */
const CHECKSUM_HEADER =
  /^(x-amz-checksum-|x-amz-sdk-checksum-algorithm$|x-amz-trailer$|x-amz-decoded-content-length$)/i;

/** Records the headers of every request the client signs and sends. */
function recordRequestHeaders(client: S3Client): Record<string, string>[] {
  const seen: Record<string, string>[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      seen.push({ ...(request.headers ?? {}) });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'recordRequestHeaders' },
  );
  return seen;
}

describe('Adapter: S3 objects', () => {
  describe('against s3rver', () => {
    let s3: RunningS3rver;
    let store: ObjectStore;

    beforeAll(async () => {
      s3 = await startS3rver();
      store = createS3ObjectStore({ client: s3.client, bucket: s3.bucket });
    });

    afterAll(async () => {
      await s3?.close();
    });

    it('stores Content-Type and Cache-Control as S3 headers', async () => {
      const key = 'v1/snapshots/2026-11-22T040000Z/projects.json';
      const json = `${JSON.stringify({ title: 'Päätöstoimenpiteen' })}\n`;
      await store.put({ key, body: json, contentType: JSON_TYPE, cacheControl: IMMUTABLE });

      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(head.ContentType).toBe(JSON_TYPE);
      expect(head.CacheControl).toBe(IMMUTABLE);
      expect(head.ContentLength).toBe(utf8(json).byteLength);
      expect(head.ContentEncoding).toBeUndefined();

      const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(got.ContentType).toBe(JSON_TYPE);
      expect(got.CacheControl).toBe(IMMUTABLE);
      expect(bytes((await got.Body?.transformToByteArray()) ?? null)).toEqual(bytes(utf8(json)));

      await store.put({ key: 'v1/projects.csv', body: 'a;b\r\n', contentType: CSV, cacheControl: SHORT });
      const csvHead = await s3.client.send(
        new HeadObjectCommand({ Bucket: s3.bucket, Key: 'v1/projects.csv' }),
      );
      expect(csvHead.ContentType).toBe(CSV);
      expect(csvHead.CacheControl).toBe(SHORT);
    });

    it('puts every key under the prefix and reads it back through the prefix', async () => {
      const prefixed = createS3ObjectStore({
        client: s3.client,
        bucket: s3.bucket,
        prefix: '/site/preview/',
      });
      await prefixed.put({
        key: 'index.html',
        body: '<p>Hei</p>',
        contentType: 'text/html',
        cacheControl: SHORT,
      });

      expect(bytes(await prefixed.get('index.html'))).toEqual(bytes(utf8('<p>Hei</p>')));
      expect(await prefixed.exists('index.html')).toBe(true);
      // The same object seen without the prefix, and the bare key does not exist.
      expect(bytes(await store.get('site/preview/index.html'))).toEqual(bytes(utf8('<p>Hei</p>')));
      expect(await store.exists('index.html')).toBe(false);
      const head = await s3.client.send(
        new HeadObjectCommand({ Bucket: s3.bucket, Key: 'site/preview/index.html' }),
      );
      expect(head.ContentType).toBe('text/html');
    });

    it('rejects an unsafe prefix', () => {
      expect(() => createS3ObjectStore({ client: s3.client, bucket: s3.bucket, prefix: 'a/../b' })).toThrow(
        /prefix/,
      );
      // A configuration to fix, not a failure to wait out.
      expect(() => createS3ObjectStore({ client: s3.client, bucket: s3.bucket, prefix: 'a/../b' })).toThrow(
        ConfigError,
      );
    });

    it('sends no flexible-checksum headers or trailers with the configured client', async () => {
      const client = createS3Client({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      try {
        const seen = recordRequestHeaders(client);
        const spied = createS3ObjectStore({ client, bucket: s3.bucket });
        await spied.put({ key: 'spy.csv', body: 'Päätös', contentType: CSV, cacheControl: SHORT });
        await spied.get('spy.csv');
        await spied.exists('spy.csv');

        expect(seen).toHaveLength(3);
        for (const headers of seen) {
          expect(Object.keys(headers).filter((name) => CHECKSUM_HEADER.test(name))).toEqual([]);
          expect(headers['content-encoding']).toBeUndefined();
          expect(headers['x-amz-checksum-mode']).toBeUndefined();
        }
        const put = seen[0]!;
        expect(put['content-md5']).toBeUndefined();
        expect(put['content-length']).toBe(String(utf8('Päätös').byteLength));
      } finally {
        client.destroy();
      }
    });

    it('round-trips a streamed body through s3rver with the configured client', async () => {
      // A stream is where the SDK's default would switch to aws-chunked with a CRC32 trailer.
      const payload = utf8('streamed Päätöstoimenpiteen\n');
      await s3.client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: 'stream/configured.txt',
          Body: Readable.from([payload]),
          ContentLength: payload.byteLength,
          ContentType: 'text/plain',
        }),
      );

      expect(bytes(await store.get('stream/configured.txt'))).toEqual(bytes(payload));
    });

    it('(control) an S3Client with the SDK defaults corrupts a streamed body on s3rver', async () => {
      // Documents why createS3Client sets WHEN_REQUIRED: s3rver stores the aws-chunked framing
      // (and the checksum trailer) as the object's content instead of rejecting the request.
      const defaults = new S3Client({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      try {
        const payload = utf8('streamed Päätöstoimenpiteen\n');
        await defaults.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: 'stream/defaults.txt',
            Body: Readable.from([payload]),
            ContentLength: payload.byteLength,
            ContentType: 'text/plain',
          }),
        );
        const stored = await store.get('stream/defaults.txt');
        expect(bytes(stored)).not.toEqual(bytes(payload));
        expect(new TextDecoder().decode(stored!)).toContain('x-amz-checksum-crc32:');
      } finally {
        defaults.destroy();
      }
    });
  });

  describe('fault injection', () => {
    let s3Mock: AwsClientStub<S3Client>;
    let store: ObjectStore;

    beforeAll(() => {
      // Mocked only here: the s3rver tests above use the real client.
      s3Mock = mockClient(S3Client);
      const client = createS3Client({
        region: 'eu-north-1',
        credentials: { accessKeyId: 'TEST', secretAccessKey: 'TEST' },
      });
      store = createS3ObjectStore({ client, bucket: 'amif-feed-prod', prefix: 'v1' });
    });

    beforeEach(() => {
      s3Mock.reset();
    });

    afterAll(() => {
      s3Mock.restore();
    });

    it('sends the headers and UTF-8 bytes, and no checksum or MD5 of its own', async () => {
      s3Mock.on(PutObjectCommand).resolves({});
      await store.put({ key: 'projects.csv', body: 'Päätös', contentType: CSV, cacheControl: SHORT });

      const calls = s3Mock.commandCalls(PutObjectCommand);
      expect(calls).toHaveLength(1);
      const input = calls[0]!.args[0].input;
      expect(input).toMatchObject({
        Bucket: 'amif-feed-prod',
        Key: 'v1/projects.csv',
        ContentType: CSV,
        CacheControl: SHORT,
      });
      expect(bytes(input.Body as Uint8Array)).toEqual(bytes(utf8('Päätös')));
      expect(input.ContentMD5).toBeUndefined();
      expect(input.ChecksumAlgorithm).toBeUndefined();
      expect(input.ChecksumSHA256).toBeUndefined();
    });

    it('turns a failed PutObject into a PublishError that names the key and keeps the cause', async () => {
      const failure = new S3ServiceException({
        name: 'InternalError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
        message: 'We encountered an internal error. Please try again.',
      });
      s3Mock.on(PutObjectCommand).rejects(failure);

      const key = 'snapshots/2026-11-22T040000Z/projects.json';
      const error = await store
        .put({ key, body: '{}', contentType: JSON_TYPE, cacheControl: IMMUTABLE })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      const publishError = error as PublishError;
      expect(publishError.message).toContain(key);
      expect(publishError.key).toBe(key);
      expect(publishError.cause).toBe(failure);
    });

    it('keeps at most `concurrency` PutObjects in flight however many puts are started', async () => {
      let inFlight = 0;
      let most = 0;
      s3Mock.on(PutObjectCommand).callsFake(async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((done) => setTimeout(done, 5));
        inFlight--;
        return {};
      });
      const client = createS3Client({
        region: 'eu-north-1',
        credentials: { accessKeyId: 'T', secretAccessKey: 'T' },
      });
      const bounded = createS3ObjectStore({ client, bucket: 'amif-feed-prod', concurrency: 4 });
      const keys = Array.from({ length: 40 }, (_, i) => `projects/${i}.json`);
      await Promise.all(
        keys.map((key) => bounded.put({ key, body: '{}', contentType: JSON_TYPE, cacheControl: SHORT })),
      );
      expect(most).toBe(4);
      expect(
        s3Mock
          .commandCalls(PutObjectCommand)
          .map((c) => c.args[0].input.Key)
          .sort(),
      ).toEqual([...keys].sort());
    });

    it('turns a network failure on PutObject into a PublishError too', async () => {
      const failure = Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' });
      s3Mock.on(PutObjectCommand).rejects(failure);

      const error = await store
        .put({ key: 'a.json', body: '{}', contentType: JSON_TYPE, cacheControl: SHORT })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).cause).toBe(failure);
    });

    it('answers false when HeadObject is a 404', async () => {
      s3Mock
        .on(HeadObjectCommand)
        .rejects(new NotFound({ $metadata: { httpStatusCode: 404 }, message: 'NotFound' }));
      expect(await store.exists('projects.json')).toBe(false);
      expect(s3Mock.commandCalls(HeadObjectCommand)[0]!.args[0].input.Key).toBe('v1/projects.json');

      // A bare 404 with an unmodelled name counts as missing as well.
      s3Mock
        .on(HeadObjectCommand)
        .rejects(
          new S3ServiceException({ name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
        );
      expect(await store.exists('projects.json')).toBe(false);
    });

    it('answers true when HeadObject succeeds', async () => {
      s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 2 });
      expect(await store.exists('projects.json')).toBe(true);
    });

    it('rethrows other HeadObject errors with the key in the message', async () => {
      const denied = new S3ServiceException({
        name: 'Forbidden',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'Forbidden',
      });
      s3Mock.on(HeadObjectCommand).rejects(denied);

      const error = await store.exists('feed.xml').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain('feed.xml');
      expect((error as Error).message).toContain('s3:ListBucket');
      expect((error as Error).cause).toBe(denied);
      // Refused access does not pass by itself: the run stops and an operator is alerted.
      expect(error).toMatchObject({ name: 'ObjectStoreError', action: 'stop-and-alert' });
    });

    it('calls a GetObject that S3 answered with 503 SlowDown one for the next run', async () => {
      const slowDown = new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
        message: 'Please reduce your request rate.',
      });
      s3Mock.on(GetObjectCommand).rejects(slowDown);

      const error = await store.get('projects.json').catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'ObjectStoreUnavailableError',
        action: 'retry-next-run',
        cause: slowDown,
      });
      expect((error as Error).message).toBe(
        'could not read projects.json (s3://amif-feed-prod/v1/projects.json): Please reduce your request rate.',
      );
    });

    it('returns null when GetObject says NoSuchKey', async () => {
      s3Mock
        .on(GetObjectCommand)
        .rejects(
          new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'The specified key does not exist.' }),
        );
      expect(await store.get('projects.json')).toBeNull();
    });

    it('rethrows a missing bucket rather than calling it a missing key', async () => {
      const missingBucket = new NoSuchBucket({
        $metadata: { httpStatusCode: 404 },
        message: 'The specified bucket does not exist',
      });
      s3Mock.on(GetObjectCommand).rejects(missingBucket);

      const error = await store.get('projects.json').catch((e: unknown) => e);
      expect((error as Error).message).toContain('projects.json');
      expect((error as Error).message).toContain('s3://amif-feed-prod/v1/projects.json');
      expect((error as Error).cause).toBe(missingBucket);
    });

    it('refuses unsafe keys before sending anything', async () => {
      for (const key of ['../escape.json', '/abs.json', 'a//b.json', 'a\\b.json', '']) {
        const error = await store
          .put({ key, body: '{}', contentType: JSON_TYPE, cacheControl: SHORT })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PublishError);
        expect((error as PublishError).key).toBe(key);
        await expect(store.get(key)).rejects.toBeInstanceOf(PublishError);
        await expect(store.exists(key)).rejects.toBeInstanceOf(PublishError);
      }
      expect(s3Mock.calls()).toHaveLength(0);
    });
  });

  describe('retries against a server that throttles', () => {
    let server: Server;
    let endpoint: string;
    /** How many PUTs the server answers with 503 SlowDown before it accepts one. */
    let throttle = 0;
    let puts = 0;

    beforeAll(async () => {
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.method !== 'PUT') {
            res.writeHead(404).end();
          } else if (throttle > 0) {
            puts++;
            throttle--;
            res.writeHead(503, { 'content-type': 'application/xml' });
            res.end(
              '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
            );
          } else {
            puts++;
            res.writeHead(200, { etag: '"x"' }).end();
          }
        });
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((done) => server.close(done));
    });

    const storeWith = (maxAttempts: number) =>
      createS3ObjectStore({
        client: createS3Client({
          endpoint,
          region: 'eu-north-1',
          forcePathStyle: true,
          credentials: { accessKeyId: 'T', secretAccessKey: 'T' },
          maxAttempts,
        }),
        bucket: 'feed',
      });

    it('retries a throttled PutObject until it is accepted', async () => {
      throttle = 2;
      puts = 0;
      await storeWith(3).put({
        key: 'v1/projects.json',
        body: '{}',
        contentType: JSON_TYPE,
        cacheControl: SHORT,
      });
      expect(puts).toBe(3);
    });

    it('gives up after maxAttempts with a PublishError naming the key', async () => {
      throttle = 5;
      puts = 0;
      const error = await storeWith(2)
        .put({ key: 'v1/projects.csv', body: 'a', contentType: CSV, cacheControl: SHORT })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).key).toBe('v1/projects.csv');
      expect(puts).toBe(2);
    });
  });
});
