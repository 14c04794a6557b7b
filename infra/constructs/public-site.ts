import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  type IOrigin,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Path pattern of the immutable dated snapshots; everything else is "latest" and changes daily. */
export const SNAPSHOT_PATH_PATTERN = 'v1/snapshots/*';
/** The one file under the snapshots prefix that changes: the list of snapshots, rewritten each run. */
export const SNAPSHOT_INDEX_PATH = 'v1/snapshots/index.json';

/**
 * The Content-Security-Policy of every response. The site is plain HTML + CSS + same-origin
 * scripts (no inline script or style), so nothing needs `'unsafe-inline'`.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface CustomDomain {
  /** DNS name the feed is served from, e.g. `amif.example.fi` (point a CNAME/ALIAS at CloudFront yourself). */
  readonly domainName: string;
  /** ARN of an ACM certificate in us-east-1 covering `domainName`. */
  readonly certificateArn: string;
}

export interface PublicSiteProps {
  /**
   * Serve the feed from a domain of your own instead of `*.cloudfront.net`.
   *
   * @default - the distribution's own `*.cloudfront.net` name and CloudFront's default certificate
   */
  readonly customDomain?: CustomDomain;
  /**
   * Edge cache lifetime of the immutable `v1/snapshots/*` files.
   *
   * @default Duration.days(365)
   */
  readonly snapshotTtl?: Duration;
  /**
   * Longest edge cache lifetime of everything else (the "latest" files rewritten by each run);
   * the harvester's own Cache-Control can only shorten it.
   *
   * @default Duration.minutes(5)
   */
  readonly latestMaxTtl?: Duration;
  /**
   * How long overwritten versions of published files are kept (a cheap undo for a bad run).
   *
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * How long CloudFront and S3 access logs are kept.
   *
   * @default Duration.days(90)
   */
  readonly accessLogExpiration?: Duration;
  /**
   * Edge locations used. The audience is in Finland and the EU.
   *
   * @default PriceClass.PRICE_CLASS_100 (North America and Europe)
   */
  readonly priceClass?: PriceClass;
}

/**
 * The published feed: a private, versioned S3 bucket that only CloudFront (through Origin Access
 * Control) can read, plus a log bucket for CloudFront standard logs and S3 server access logs.
 */
export class PublicSite extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://` + the custom domain or the CloudFront domain; no trailing slash. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: PublicSiteProps = {}) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging (legacy) writes through an ACL grant to the awslogsdelivery
      // account, so this one bucket must keep ACLs enabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // SSE-S3: CloudFront standard logging cannot write to SSE-KMS buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: props.accessLogExpiration ?? Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No AwsSolutions-S1 (access logs of the log bucket) to acknowledge: cdk-nag recognises a
    // bucket that receives another bucket's access logs.

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Versioning + expiry of old versions: a run that publishes garbage can be rolled back for
      // a month, and the bucket does not grow without bound (each run rewrites the latest files).
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // Answers CORS preflights (a browser sending If-None-Match triggers one); CloudFront's
      // response headers policy below then sets the headers on every response anyway.
      cors: [
        {
          allowedMethods: [HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'Last-Modified'],
          maxAge: 86_400,
        },
      ],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // OAC signs CloudFront's requests with SigV4; the bucket policy CDK writes allows the
    // CloudFront service principal in only for *this* distribution's ARN. LIST as well as READ so
    // that a missing file answers 404, not 403: clients probe for dated snapshots. (Listing is not
    // reachable through CloudFront: no query strings are forwarded and "/" maps to index.html.)
    const origin: IOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });

    const latestCachePolicy = new CachePolicy(this, 'LatestCachePolicy', {
      comment: 'amif-feed latest files: rewritten by every run, cached briefly',
      minTtl: Duration.seconds(0),
      defaultTtl: props.latestMaxTtl ?? Duration.minutes(5),
      maxTtl: props.latestMaxTtl ?? Duration.minutes(5),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const snapshotCachePolicy = new CachePolicy(this, 'SnapshotCachePolicy', {
      comment: 'amif-feed dated snapshots: immutable once written',
      // The harvester's Cache-Control (max-age=31536000, immutable) still rules; the year-long
      // default only covers a file written without one.
      minTtl: Duration.seconds(0),
      defaultTtl: props.snapshotTtl ?? Duration.days(365),
      maxTtl: props.snapshotTtl ?? Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'ResponseHeaders', {
      comment: 'amif-feed: open CORS for the data, strict security headers for the pages',
      corsBehavior: {
        // Open data: any web page may fetch it, without credentials.
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlAllowHeaders: ['*'],
        accessControlExposeHeaders: ['ETag', 'Last-Modified'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.days(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    const behaviour = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
      compress: true,
      // Forwards Origin and the Access-Control-Request-* headers so S3 can answer preflights.
      originRequestPolicy: OriginRequestPolicy.CORS_S3_ORIGIN,
      responseHeadersPolicy: headers,
    } as const;

    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'amif-feed: open data on AMIF-funded projects in Finland',
      defaultRootObject: 'index.html',
      defaultBehavior: { ...behaviour, cachePolicy: latestCachePolicy },
      // CloudFront tries these in order: the index must come before the wildcard that would
      // otherwise cache it for a year.
      additionalBehaviors: {
        [SNAPSHOT_INDEX_PATH]: { ...behaviour, cachePolicy: latestCachePolicy },
        [SNAPSHOT_PATH_PATTERN]: { ...behaviour, cachePolicy: snapshotCachePolicy },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(domain !== undefined
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    // CDK warns about every LIST-enabled origin in case "/" would list the bucket; here "/" is
    // always rewritten to index.html (defaultRootObject above), so the warning does not apply.
    Validations.of(this.distribution).acknowledge({
      id: '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      reason:
        'defaultRootObject is index.html and no query string reaches S3, so no request through CloudFront can list the bucket.',
    });

    const cfnDistribution = this.distribution.node.defaultChild;
    if (cfnDistribution === undefined) throw new Error('Distribution has no CfnDistribution');
    if (domain === undefined) {
      Validations.of(cfnDistribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain is configured, so the distribution uses the *.cloudfront.net default certificate, whose TLS minimum ' +
          'CloudFront fixes and cannot be raised; deploy with -c domainName/-c certificateArn to enforce TLSv1.2_2021.',
      });
    }
    Validations.of(cfnDistribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The feed is public open data meant for readers anywhere; there is no legal or licensing reason to restrict countries.',
    });
    Validations.of(cfnDistribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static, cacheable, read-only files from a private S3 origin with no forms, logins or dynamic backend; ' +
        'WAF (from ~$6/month) would cost more than the whole service and protect nothing exploitable.',
    });

    this.baseUrl = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
  }
}
