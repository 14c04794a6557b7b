import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { createJsonLogger } from '../adapters/console-logger';
import { createDynamoDbStateStore } from '../adapters/dynamodb-state';
import { createHttpFetcher, type FetchFunction } from '../adapters/http-fetch';
import { createS3Client, createS3ObjectStore } from '../adapters/s3-objects';
import { createSnapshotFetcher } from '../adapters/snapshot-fetch';
import { createSnsNotifier } from '../adapters/sns-notify';
import { AmifError, ConfigError, type ErrorAction, StopAndAlertError } from '../core/errors';
import { feedConfigSchema } from '../core/feed-config';
import type { RunReport } from '../core/model/run-report';
import { runPipeline } from '../core/pipeline';
import type { Logger, Notifier, PageFetcher, SourceDescriptor } from '../core/ports';
import { configuredSources, sourceHosts } from '../core/sources/built-in-sources';
import { configuredListings, RELEASE_HOSTS } from '../core/sources/listing-sources';
import { sourceWithParseDeadline } from '../core/sources/load-page';
import { type HarvesterEnv, LOCAL_PAGES_DIR_ENV, readHarvesterEnv } from './config';
import { runMetricsLine, sourceMetricsLines } from './run-metrics';

/** The slice of the Lambda context the harvester uses. */
export interface HarvestContext {
  getRemainingTimeInMillis(): number;
}

export interface HarvesterDependencies {
  readonly env?: NodeJS.ProcessEnv;
  readonly dynamodb?: DynamoDBClient;
  readonly s3?: S3Client;
  readonly sns?: SNSClient;
  /**
   * The HTTP layer, injectable for tests. The bundled handler cannot take it (its `handler` is built
   * with no dependencies): a local invocation of the bundle sets AMIF_LOCAL_PAGES_DIR instead.
   */
  readonly fetch?: FetchFunction;
  readonly allowInsecureHttpFor?: readonly string[];
  readonly clock?: () => Date;
  readonly log?: (line: string) => void;
  /** Time kept back from the Lambda deadline for publishing and committing. */
  readonly safetyMarginMs?: number;
}

/** No source could be read: the invocation fails, so the errors alarm fires. */
export class HarvestFailedError extends StopAndAlertError {
  override readonly name = 'HarvestFailedError';
}

/**
 * Builds the production adapters once (cold start) and returns the Lambda entry point. Every run
 * goes through the same `runPipeline` as the command line.
 */
export function createHandler(deps: HarvesterDependencies = {}) {
  let env: HarvesterEnv | undefined;
  let clients: { dynamodb: DynamoDBClient; s3: S3Client; sns: SNSClient } | undefined;
  const clock = deps.clock ?? (() => new Date());
  // Straight to stdout: with Lambda's JSON log format console.log would wrap the line in a `message`
  // string, and CloudWatch would no longer read it as Embedded Metric Format.
  const log = deps.log ?? ((line: string) => void process.stdout.write(`${line}\n`));

  return async (event: unknown, context?: HarvestContext): Promise<RunReport> => {
    env ??= readHarvesterEnv(deps.env ?? process.env);
    clients ??= {
      dynamodb: deps.dynamodb ?? new DynamoDBClient({}),
      s3: deps.s3 ?? createS3Client(),
      sns: deps.sns ?? new SNSClient({}),
    };
    const started = clock();
    const logger: Logger = createJsonLogger({ component: 'harvester' }, log);
    const remaining = context?.getRemainingTimeInMillis() ?? 15 * 60_000;
    // Fetching and parsing both stop in time to leave the margin for committing and publishing.
    const deadline = Date.now() + remaining - (deps.safetyMarginMs ?? 60_000);
    const sources = configuredSources({
      sourceIds: env.SOURCE_IDS,
      pressReleaseUrls: env.PRESS_RELEASE_URLS,
    }).map((source) => sourceWithParseDeadline(source, deadline));
    const listings = configuredListings(env.LISTING_URLS);
    const fetcher = pageFetcherOf(env, deps, [...sources, ...listings], deadline);
    const notifier: Notifier = env.AWARDS_TOPIC_ARN
      ? createSnsNotifier(clients.sns, env.AWARDS_TOPIC_ARN)
      : { notify: async (n) => logger.warn('no AWARDS_TOPIC_ARN: notice not sent', { subject: n.subject }) };

    const report = await runPipeline({
      sources,
      fetcher,
      state: createDynamoDbStateStore({ client: clients.dynamodb, tableName: env.TABLE_NAME }),
      store: createS3ObjectStore({ client: clients.s3, bucket: env.BUCKET_NAME }),
      notifier,
      logger,
      now: started,
      config: feedConfigSchema.parse({
        publicBaseUrl: env.PUBLIC_BASE_URL,
        contactEmail: env.CONTACT_EMAIL,
        collapseThreshold: env.COLLAPSE_THRESHOLD,
        massChangeShare: env.MASS_CHANGE_SHARE,
      }),
      // For one run: invoke with {"acceptMassChange": true} after checking the pages.
      acceptMassChange: env.ACCEPT_MASS_CHANGE || acceptsMassChange(event),
      listings,
      // For one run: invoke with {"forgetReleases": ["<source id>"]} (docs/discovery.md).
      forgetReleases: releasesToForget(event),
    }).catch((error: unknown) => {
      // The invocation fails either way (the errors alarm fires); the log says what to do about it.
      logger.error('the run stopped', {
        action: actionOf(error),
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    });
    log(runMetricsLine(env.METRICS_NAMESPACE, report, clock().getTime() - started.getTime(), started));
    // Every source with alarms of its own; the others in the report are releases the listings led to.
    const configured = new Set([...sources, ...listings].map((s) => s.id));
    for (const line of sourceMetricsLines(env.METRICS_NAMESPACE, report, started, configured)) log(line);
    if (report.status === 'failed') {
      // Counted as a Lambda error so the errors alarm fires; nothing was changed or published.
      throw new HarvestFailedError(`no source could be read: ${report.warnings.join('; ')}`);
    }
    return report;
  };
}

export const handler = createHandler();

/** The bundled pages of a local invocation, or the live fetcher allowed the sources' and the configured hosts. */
function pageFetcherOf(
  env: HarvesterEnv,
  deps: HarvesterDependencies,
  sources: readonly SourceDescriptor[],
  deadline: number,
): PageFetcher {
  const pagesDir = env[LOCAL_PAGES_DIR_ENV];
  if (pagesDir !== undefined) return createSnapshotFetcher(pagesDir);
  const configured =
    env.ALLOWED_HOSTS?.split(',')
      .map((h) => h.trim())
      .filter(Boolean) ?? [];
  return createHttpFetcher({
    allowedHosts: [...new Set([...sourceHosts(sources), ...RELEASE_HOSTS, ...configured])],
    deadline,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.allowInsecureHttpFor ? { allowInsecureHttpFor: [...deps.allowInsecureHttpFor] } : {}),
  });
}

/** What the operator should do, by the error's class (functions/core/errors.ts); unknown errors need a look. */
function actionOf(error: unknown): ErrorAction {
  return error instanceof AmifError ? error.action : 'stop-and-alert';
}

/** The discovered releases a manual invocation asks to forget; a malformed list is a ConfigError. */
function releasesToForget(event: unknown): string[] {
  const list =
    typeof event === 'object' && event !== null
      ? (event as Record<string, unknown>).forgetReleases
      : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((id) => typeof id === 'string' && id.length > 0)) {
    throw new ConfigError(
      `forgetReleases expects a list of source ids such as ["intermin-press-fi-0123456789"], found ${JSON.stringify(list)}`,
    );
  }
  return list;
}

function acceptsMassChange(event: unknown): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    (event as Record<string, unknown>).acceptMassChange === true
  );
}
