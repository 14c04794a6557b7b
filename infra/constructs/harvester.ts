import { fileURLToPath } from 'node:url';
import { type CfnElement, CfnResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DEFAULTS } from '../../functions/core/defaults';
import { ESM_REQUIRE_BANNER } from '../bundle-aliases';
import { HARVESTER_ESBUILD_TARGET, harvesterBundleSettings } from '../harvester-bundling';

export { ESM_REQUIRE_BANNER };

/** The repository root: NodejsFunction resolves the lock file and tsconfig from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Default handler module (exports `handler`). */
export const HARVESTER_ENTRY = fileURLToPath(new URL('../../functions/harvest/handler.ts', import.meta.url));

/** The Lambda runtime; its esbuild target (HARVESTER_ESBUILD_TARGET) is the same major. */
export const HARVESTER_RUNTIME = Runtime.NODEJS_24_X;
export { HARVESTER_ESBUILD_TARGET };

/** One whole vCPU; see docs/deploy.md, "Lambda sizing", for the rows this holds. */
export const HARVESTER_MEMORY_MB = 1769;
export const HARVESTER_TIMEOUT = Duration.minutes(10);
/**
 * V8's old-space limit for the harvester. V8 grows its heap lazily, to far more than a run keeps
 * alive: a first run of 20 000 rows peaked at 1.8 GB of RSS unbounded, and at 1.27 GB with an
 * 880 MB heap (74 s, no slower). This leaves the buffers and native memory room below the 1769 MB.
 */
export const HARVESTER_HEAP_MB = 1024;

export interface HarvesterProps {
  /** State table (read/write, including its index). */
  readonly table: ITable;
  /** ARN of the table's one GSI, granted explicitly instead of `index/*`. */
  readonly tableIndexArn: string;
  /** Bucket the feed is published to (get/put objects, list). */
  readonly bucket: IBucket;
  /** Topic new awards are announced on (publish). */
  readonly awardsTopic: ITopic;
  /** Public base URL of the feed, written into every published document. */
  readonly publicBaseUrl: string;
  /** Contact e-mail the feed publishes (site footer, DCAT, Atom, Data Package); required at deploy. */
  readonly contactEmail: string;
  /**
   * Share of a source's projects that may vanish in one run before removals are refused.
   *
   * @default 0.2
   */
  readonly collapseThreshold?: number;
  /**
   * Press-release pages read as extra sources.
   *
   * @default - none
   */
  readonly pressReleaseUrls?: readonly string[];
  /**
   * The listings that lead to press releases, as LISTING_URLS (docs/discovery.md).
   *
   * @default - the harvester's DEFAULT_LISTINGS
   */
  readonly listingUrls?: string;
  /**
   * CloudWatch namespace of the run metrics (Embedded Metric Format).
   *
   * @default 'AmifFeed'
   */
  readonly metricsNamespace?: string;
  /**
   * Handler module; must export `handler`.
   *
   * @default functions/harvest/handler.ts
   */
  readonly entry?: string;
  /**
   * Reserved concurrency. One keeps two runs (schedule + manual invoke) from racing even before
   * the DynamoDB lease is taken, and caps what a runaway loop could spend. `undefined` leaves the
   * function on the unreserved pool (for accounts whose total concurrency quota is 10).
   *
   * @default 1
   */
  readonly reservedConcurrency?: number | undefined;
  /**
   * How long the function's logs (and the metrics' raw EMF lines) are kept.
   *
   * @default RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: RetentionDays;
  /**
   * Bundle the AWS SDK v3 into the asset instead of using the copy in the Lambda runtime.
   * Bundling pins the SDK version the tests ran against and loads faster than resolving the
   * runtime's copy (1 766 201 B; docs/benchmark.md, "The Lambda bundle", has the measured sizes and import times).
   *
   * @default true
   */
  readonly bundleAwsSdk?: boolean;
}

/**
 * The scheduled harvester Lambda and its least-privilege role.
 *
 * Async failure handling is deliberately dead-letter free: Lambda's own async retries are off,
 * because re-running a failed harvest minutes later mostly re-hits the same broken page. The
 * schedule's retry policy and DLQ cover invocations that could not be delivered, the next daily
 * run is the retry for one that failed, and the alarms make both visible.
 */
export class Harvester extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HarvesterProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      // Logs expire anyway; deleting the stack should not leave an orphan group behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role of our own instead of the default one: the default attaches the AWS-managed
    // AWSLambdaBasicExecutionRole (logs:* on every log group); this one may write only its own.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'amif-feed harvester: its own table, bucket, topic and log group only',
    });
    this.logGroup.grantWrite(role);

    role.addToPolicy(
      new PolicyStatement({
        sid: 'StateTableReadWrite',
        // Exactly what the DynamoDB state adapter calls in production: batched commits, the lease
        // (conditional put, get, conditional delete) and queries. No scans, no table management.
        actions: [
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
        ],
        resources: [props.table.tableArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'StateIndexQuery',
        // "Changes since T" is a Query on gsi1; nothing else touches the index.
        actions: ['dynamodb:Query'],
        resources: [props.tableIndexArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'PublishFeedObjects',
        // GetObject also answers HEAD (the store's `exists`). No delete: a run never removes a
        // published file, it only overwrites latest files and adds snapshots.
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [props.bucket.arnForObjects('*')],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'ListFeedBucket',
        // Without ListBucket a missing key answers 403 instead of 404.
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'AnnounceAwards',
        // The topic uses the AWS-managed SNS key, whose key policy already lets this account's
        // principals use it through SNS: no kms:* statement is needed here.
        actions: ['sns:Publish'],
        resources: [props.awardsTopic.topicArn],
      }),
    );

    const bundleAwsSdk = props.bundleAwsSdk ?? true;
    const bundle = harvesterBundleSettings(bundleAwsSdk);
    const env: Record<string, string> = {
      TABLE_NAME: props.table.tableName,
      BUCKET_NAME: props.bucket.bucketName,
      PUBLIC_BASE_URL: props.publicBaseUrl,
      AWARDS_TOPIC_ARN: props.awardsTopic.topicArn,
      COLLAPSE_THRESHOLD: String(props.collapseThreshold ?? DEFAULTS.collapseThreshold),
      METRICS_NAMESPACE: props.metricsNamespace ?? 'AmifFeed',
      // Stack traces of the minified bundle point at the TypeScript sources; the heap kept in bounds.
      NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${HARVESTER_HEAP_MB}`,
    };
    env.CONTACT_EMAIL = props.contactEmail;
    if (props.pressReleaseUrls !== undefined && props.pressReleaseUrls.length > 0) {
      env.PRESS_RELEASE_URLS = props.pressReleaseUrls.join(',');
    }
    if (props.listingUrls !== undefined) env.LISTING_URLS = props.listingUrls;

    this.function = new NodejsFunction(this, 'Function', {
      description: 'amif-feed: harvests AMIF project pages, diffs them into DynamoDB, publishes the feed',
      entry: props.entry ?? HARVESTER_ENTRY,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: HARVESTER_RUNTIME,
      // Graviton: ~20% cheaper per GB-second, and the bundle has no native modules.
      architecture: Architecture.ARM_64,
      // Memory buys CPU, and a run is one CPU-bound thread: 1769 MB is one whole vCPU (1024 MB is
      // 0.58), so a big run takes about half the time, with room for the ~0.13 MB a row costs on
      // top of ~140 MB (`npm run bench`: 388 MB peak at 2 000 rows). docs/deploy.md, "Lambda sizing".
      memorySize: HARVESTER_MEMORY_MB,
      // Below the 15-minute run lease, so a run stopped by its timeout has released nothing the
      // lease still guards by the time the next one starts.
      timeout: HARVESTER_TIMEOUT,
      ...(props.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrency }
        : {}),
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: env,
      retryAttempts: 0,
      maxEventAge: Duration.hours(1),
      bundling: {
        // Bundle locally with the esbuild from devDependencies; never fall back to Docker.
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: bundle.target,
        mainFields: [...bundle.mainFields],
        banner: bundle.banner,
        minify: bundle.minify,
        sourceMap: bundle.sourceMap,
        sourcesContent: bundle.sourcesContent,
        externalModules: [...bundle.externalModules],
        esbuildArgs: Object.fromEntries(
          Object.entries(bundle.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        logLevel: LogLevel.WARNING,
      },
    });

    // The policy holds only the explicit statements above (no grant helpers), so the object-key
    // wildcard is its one wildcard, acknowledged here on the policy itself.
    const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
    if (!(policy instanceof CfnResource)) throw new Error('harvester role has no DefaultPolicy');
    // Lambda's construct makes the function depend on the whole role construct: the role and its
    // policy. The function's Role (a GetAtt of the role's ARN) already orders the role first, which
    // cfn-lint flags as redundant (W3005); the policy still has to exist before the first run.
    (this.function.node.defaultChild as CfnResource).addOverride('DependsOn', [policy.logicalId]);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.bucket)}.Arn>/*]`,
      reason:
        "Object keys of the harvester's own feed bucket: the key set (dated snapshots, per-project files) is open-ended; " +
        'actions are limited to s3:GetObject and s3:PutObject.',
    });
  }
}

/** cdk-nag names a wildcard resource after the logical id of the resource it hangs off. */
function logicalIdOf(bucket: IBucket): string {
  const cfn = bucket.node.defaultChild;
  if (cfn === undefined) throw new Error('bucket has no CfnBucket');
  return bucket.stack.getLogicalId(cfn as CfnElement);
}
