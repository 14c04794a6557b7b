import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { ConfigError, PublishError } from '../core/errors';
import type { ObjectStore, ObjectToWrite } from '../core/ports';
import { concurrencyLimit } from '../core/worker-pool';
import { assertSafeKey, unsafeKeyReason } from './dir-objects';
import { ObjectStoreError, ObjectStoreUnavailableError } from './object-store-errors';
import { isTransient } from './transient-error';

/**
 * Attempts per request, the first included. The SDK retries throttling (503 SlowDown), 5xx and
 * network errors with exponential backoff and jitter; a run writes thousands of objects at N in
 * the thousands, so a few more tries than the SDK's 3 keep one slow moment from failing the run.
 */
export const S3_MAX_ATTEMPTS = 5;
/** PutObjects in flight at once; S3 takes thousands per second per prefix, the Lambda's sockets fewer. */
export const S3_PUT_CONCURRENCY = 32;

/** The production object store: one S3 object per key, optionally under a prefix. */

export interface S3ClientOptions {
  /** A custom endpoint (s3rver, another S3-compatible store); leave out for AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Path-style URLs (`http://host/bucket/key`), needed by s3rver. */
  readonly forcePathStyle?: boolean;
  readonly credentials?: S3ClientConfig['credentials'];
  /** @default S3_MAX_ATTEMPTS */
  readonly maxAttempts?: number;
}

/**
 * An S3 client that computes and validates checksums only where an operation requires them.
 *
 * Since 3.729 the SDK defaults to "when supported": every PutObject carries an
 * `x-amz-checksum-crc32`, and a streamed body is sent as `aws-chunked` with the checksum in a
 * trailer. S3 itself accepts both; s3rver (and some other S3-compatible stores) does not
 * understand `aws-chunked` and stores the chunk framing as the object's content. With
 * WHEN_REQUIRED the request is plain, which both real S3 and s3rver accept. PutObject does not
 * require a Content-MD5 either, so none is sent.
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.forcePathStyle === undefined ? {} : { forcePathStyle: options.forcePathStyle }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    maxAttempts: options.maxAttempts ?? S3_MAX_ATTEMPTS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export interface S3ObjectStoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Prepended to every key with a `/`; leading and trailing slashes are ignored. */
  readonly prefix?: string;
  /** @default S3_PUT_CONCURRENCY */
  readonly concurrency?: number;
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  return (err as SdkErrorShape).$metadata?.httpStatusCode;
}

function errorName(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const name = (err as SdkErrorShape).name;
  return typeof name === 'string' ? name : '';
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** The object is missing (as opposed to the bucket, or access being refused). */
function isMissingObject(err: unknown): boolean {
  const name = errorName(err);
  if (name === 'NoSuchKey' || name === 'NotFound') return true;
  return httpStatus(err) === 404 && name !== 'NoSuchBucket';
}

/** A failed read, typed by the SDK error: throttled, timed out or a 5xx can pass by the next run; the rest cannot. */
function readError(message: string, err: unknown): ObjectStoreUnavailableError | ObjectStoreError {
  return isTransient(err)
    ? new ObjectStoreUnavailableError(message, { cause: err })
    : new ObjectStoreError(message, { cause: err });
}

function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const reason = unsafeKeyReason(trimmed);
  if (reason !== null) throw new ConfigError(`invalid S3 key prefix ${JSON.stringify(prefix)}: ${reason}`);
  return trimmed;
}

export function createS3ObjectStore(options: S3ObjectStoreOptions): ObjectStore {
  const { client, bucket } = options;
  const prefix = normalisePrefix(options.prefix);
  const s3Key = (key: string): string => (prefix === '' ? key : `${prefix}/${key}`);
  const where = (key: string): string => `s3://${bucket}/${s3Key(key)}`;
  const limit = concurrencyLimit(options.concurrency ?? S3_PUT_CONCURRENCY);

  return {
    async put(object: ObjectToWrite): Promise<void> {
      assertSafeKey(object.key);
      const body = typeof object.body === 'string' ? new TextEncoder().encode(object.body) : object.body;
      try {
        await limit(() =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: s3Key(object.key),
              Body: body,
              ContentLength: body.byteLength,
              ContentType: object.contentType,
              CacheControl: object.cacheControl,
            }),
          ),
        );
      } catch (err) {
        throw new PublishError(object.key, { cause: err });
      }
    },

    async get(key: string): Promise<Uint8Array | null> {
      assertSafeKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: s3Key(key) }));
        if (out.Body === undefined) return new Uint8Array(0);
        return await out.Body.transformToByteArray();
      } catch (err) {
        if (isMissingObject(err)) return null;
        throw readError(`could not read ${key} (${where(key)}): ${errorMessage(err)}`, err);
      }
    },

    async exists(key: string): Promise<boolean> {
      assertSafeKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: s3Key(key) }));
        return true;
      } catch (err) {
        if (isMissingObject(err)) return false;
        // S3 answers 403 rather than 404 for a missing key when the caller may not list the bucket.
        const hint = httpStatus(err) === 403 ? ' (a missing key reads as 403 without s3:ListBucket)' : '';
        throw readError(`could not check ${key} (${where(key)}): ${errorMessage(err)}${hint}`, err);
      }
    },
  };
}
