/**
 * Runs the harvester as it is deployed: the handler bundled with the stack's own esbuild settings
 * (infra/harvester-bundling.ts), loaded by a fresh Node process and invoked as Lambda calls it,
 * against a local S3 (s3rver) and DynamoDB (dynalite) behind proxies that count the requests and
 * capacity units. Pages come from a directory through the handler's local seam (AMIF_LOCAL_PAGES_DIR).
 * Used by `npm run invoke-local` and test/e2e/bundled-handler.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { HEAD_SK, itemKey, PK } from '../functions/adapters/dynamodb/table-schema';
import { createDynamoDbStateStore } from '../functions/adapters/dynamodb-state';
import { startEmbeddedDynalite } from '../functions/cli/embedded-dynalite';
import type { RunReport } from '../functions/core/model/run-report';
import { LOCAL_PAGES_DIR_ENV } from '../functions/harvest/config';
import { HARVESTER_ENTRY, HARVESTER_HEAP_MB } from '../infra/constructs/harvester';
import { HARVESTER_BUNDLE_FILE, harvesterEsbuildOptions } from '../infra/harvester-bundling';
import { startS3rver } from '../test/helpers/s3rver';
import {
  countDynamo,
  countS3,
  type DynamoCounts,
  emptyDynamoCounts,
  emptyS3Counts,
  type S3Counts,
  type S3RequestKind,
} from './request-counter';

/** Bundles the handler into `outdir` exactly as `cdk synth` does; returns the bundle's path. */
export async function buildBundledHandler(outdir: string): Promise<string> {
  await build(harvesterEsbuildOptions(HARVESTER_ENTRY, outdir));
  return join(outdir, HARVESTER_BUNDLE_FILE);
}

export interface LocalAws {
  readonly bucket: string;
  readonly tableName: string;
  /** Requests since the last `resetCounts`. */
  readonly s3: S3Counts;
  readonly dynamo: DynamoCounts;
  /** Called before each S3 request is forwarded; returning false drops it. */
  s3Gate: ((kind: S3RequestKind) => boolean) | null;
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  resetCounts(): void;
  /**
   * Lets the run lease run out now, as it has by the time the next scheduled run starts (the lease
   * lasts DEFAULTS.leaseSeconds; a run killed mid-way does not release it).
   */
  expireLease(): Promise<void>;
  close(): Promise<void>;
}

/** Starts s3rver and dynalite on loopback, each behind a counting proxy, with the state table created. */
export async function startLocalAws(): Promise<LocalAws> {
  const [s3rver, dynalite] = await Promise.all([startS3rver(), startEmbeddedDynalite()]);
  const tableName = 'amif-feed-local';
  await createDynamoDbStateStore({ client: dynalite.client, tableName }).ensureTable();
  const s3 = emptyS3Counts();
  const dynamo = emptyDynamoCounts();
  const local: LocalAws = {
    bucket: s3rver.bucket,
    tableName,
    s3,
    dynamo,
    s3Gate: null,
    s3Endpoint: '',
    dynamoEndpoint: '',
    resetCounts() {
      Object.assign(s3, emptyS3Counts());
      Object.assign(dynamo, emptyDynamoCounts());
    },
    async expireLease() {
      await DynamoDBDocumentClient.from(dynalite.client).send(
        new UpdateCommand({
          TableName: tableName,
          Key: itemKey(PK.head, HEAD_SK),
          UpdateExpression: 'SET leaseExpiresAt = :past',
          ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
        }),
      );
    },
    async close() {
      await Promise.all([s3Proxy.close(), dynamoProxy.close()]);
      await Promise.all([s3rver.close(), dynalite.close()]);
    },
  };
  const s3Proxy = await countS3(s3rver.endpoint, s3, (kind) => local.s3Gate?.(kind) ?? true);
  const dynamoProxy = await countDynamo(dynalite.endpoint, dynamo);
  return Object.assign(local, { s3Endpoint: s3Proxy.endpoint, dynamoEndpoint: dynamoProxy.endpoint });
}

export interface Invocation {
  /** The handler's result, or null when it threw or the process was killed. */
  readonly report: RunReport | null;
  /** The error message when the handler threw. */
  readonly error: string | null;
  /** Everything the function logged (JSON log lines, EMF metric lines). */
  readonly logs: string[];
  readonly signal: NodeJS.Signals | null;
}

// What Lambda's Node runtime does: import the module, call `handler(event, context)`, report the result.
const INVOKE = `
const { handler } = await import(process.argv[1]);
const end = Date.now() + Number(process.env.AMIF_INVOKE_TIMEOUT_MS);
const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, getRemainingTimeInMillis: () => end - Date.now() };
try {
  const report = await handler(JSON.parse(process.env.AMIF_INVOKE_EVENT), context);
  process.stdout.write('\\nAMIF_RESULT ' + JSON.stringify({ report }) + '\\n');
} catch (e) {
  process.stdout.write('\\nAMIF_RESULT ' + JSON.stringify({ error: String(e && e.message || e) }) + '\\n');
}`;

export interface InvokeOptions {
  readonly pagesDir: string;
  readonly event?: unknown;
  readonly timeoutMs?: number;
  /** Called with the child process once it started (a test kills it mid-publish). */
  readonly started?: (child: ChildProcess) => void;
}

/** Invokes the bundled handler in a fresh Node process against `local`. */
export function invokeBundled(bundle: string, local: LocalAws, options: InvokeOptions): Promise<Invocation> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    // As the stack sets them (infra/constructs/harvester.ts), AWARDS_TOPIC_ARN left out: notices are logged.
    TABLE_NAME: local.tableName,
    BUCKET_NAME: local.bucket,
    PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net',
    // Required by the harvester (no placeholder contact is published); a local invocation publishes nowhere.
    CONTACT_EMAIL: 'amif-feed@localhost.example',
    METRICS_NAMESPACE: 'AmifFeed',
    NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${HARVESTER_HEAP_MB}`,
    AWS_LAMBDA_FUNCTION_NAME: 'amif-feed-harvester-local',
    AWS_REGION: 'eu-north-1',
    // s3rver checks signatures with its one key pair; dynalite takes any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: local.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: local.dynamoEndpoint,
    [LOCAL_PAGES_DIR_ENV]: options.pagesDir,
    AMIF_INVOKE_EVENT: JSON.stringify(options.event ?? {}),
    AMIF_INVOKE_TIMEOUT_MS: String(options.timeoutMs ?? 600_000),
  };
  const child = spawn(process.execPath, ['--input-type=module', '-e', INVOKE, pathToFileURL(bundle).href], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.started?.(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    out += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    err += c;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      const result = lines.find((l) => l.startsWith('AMIF_RESULT '));
      const parsed = result ? (JSON.parse(result.slice(12)) as { report?: RunReport; error?: string }) : {};
      if (!result && signal === null) {
        return reject(new Error(`the bundled handler exited without a result: ${err.trim() || out.trim()}`));
      }
      resolve({
        report: parsed.report ?? null,
        error: parsed.error ?? null,
        logs: lines.filter((l) => !l.startsWith('AMIF_RESULT ')),
        signal,
      });
    });
  });
}

/** A scratch directory for a bundle or pages. */
export function scratchDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
