import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_INDEX_KEY } from '../../../functions/core/model/snapshot';
import { CONTENT_SECURITY_POLICY, SNAPSHOT_INDEX_PATH } from '../../../infra/constructs/public-site';
import { arnOf, FULL_CONTEXT, logicalId, onlyResource, type Synthesised, synth } from '../synth-once';

type Statement = {
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Condition?: unknown;
  Resource: unknown;
};

describe('public site', () => {
  let s: Synthesised;
  let custom: Synthesised;
  let ids: { bucket: string; logBucket: string; distribution: string; latest: string; snapshots: string };

  beforeAll(() => {
    s = synth();
    custom = synth(FULL_CONTEXT);
    const { stack } = s;
    const policies = stack.site.node.children.map((c) => c.node.id);
    expect(policies).toEqual(expect.arrayContaining(['LatestCachePolicy', 'SnapshotCachePolicy']));
    ids = {
      bucket: logicalId(stack, stack.site.bucket),
      logBucket: logicalId(stack, stack.site.logBucket),
      distribution: logicalId(stack, stack.site.distribution),
      latest: logicalId(stack, stack.site.node.findChild('LatestCachePolicy')),
      snapshots: logicalId(stack, stack.site.node.findChild('SnapshotCachePolicy')),
    };
  });

  type Resource = {
    Properties: Record<string, unknown>;
    DeletionPolicy?: string;
    UpdateReplacePolicy?: string;
  };
  const bucketProps = (id: string) => s.template.toJSON().Resources[id] as Resource;
  const policyStatements = (bucketId: string): Statement[] => {
    const { resource } = onlyResource(s.template, 'AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: bucketId } },
    });
    return (resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
  };

  describe('feed bucket', () => {
    it('is private: all public access blocked, ACLs disabled, SSE-S3, TLS only', () => {
      s.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
      });
      expect(policyStatements(ids.bucket)).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    });

    it('expires overwritten versions after 30 days and logs access to the log bucket', () => {
      const props = bucketProps(ids.bucket).Properties;
      expect(props.LifecycleConfiguration).toEqual({
        Rules: [
          expect.objectContaining({
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          }),
        ],
      });
      expect(props.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: ids.logBucket },
        LogFilePrefix: 's3-access/',
      });
    });

    it('is retained when the stack goes', () => {
      expect(bucketProps(ids.bucket)).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(bucketProps(ids.logBucket)).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('lets only this distribution read, through Origin Access Control', () => {
      const allows = policyStatements(ids.bucket).filter((st) => st.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      const [allow] = allows;
      expect(allow?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect([allow?.Action].flat().sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
      expect(allow?.Condition).toEqual({
        StringEquals: {
          'AWS:SourceArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':cloudfront::',
                { Ref: 'AWS::AccountId' },
                ':distribution/',
                { Ref: ids.distribution },
              ],
            ],
          },
        },
      });

      const oac = onlyResource(s.template, 'AWS::CloudFront::OriginAccessControl');
      expect(oac.resource.Properties.OriginAccessControlConfig).toMatchObject({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      });
      s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Origins: [
            Match.objectLike({
              DomainName: { 'Fn::GetAtt': [ids.bucket, 'RegionalDomainName'] },
              OriginAccessControlId: { 'Fn::GetAtt': [oac.id, 'Id'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
            }),
          ],
        }),
      });
    });
  });

  describe('log bucket', () => {
    it('keeps ACLs for CloudFront standard logging but is encrypted, private, TLS-only and expiring', () => {
      const props = bucketProps(ids.logBucket).Properties;
      expect(props).toMatchObject({
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: {
          Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 90 })],
        },
      });
      const statements = policyStatements(ids.logBucket);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      // The only allow is S3 server access log delivery from the feed bucket.
      const allows = statements.filter((st) => st.Effect === 'Allow');
      expect(allows).toEqual([
        expect.objectContaining({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': arnOf(ids.bucket) } }),
        }),
      ]);
    });
  });

  describe('distribution', () => {
    it('serves index.html at the root, over HTTPS, compressed, with access logs', () => {
      s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          Enabled: true,
          PriceClass: 'PriceClass_100',
          Logging: { Bucket: { 'Fn::GetAtt': [ids.logBucket, 'RegionalDomainName'] }, Prefix: 'cloudfront/' },
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            Compress: true,
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
            CachePolicyId: { Ref: ids.latest },
          }),
        }),
      });
    });

    it('caches v1/snapshots/* for a year and everything else, the snapshot index too, for at most 5 minutes', () => {
      s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          // Order matters: CloudFront uses the first pattern that matches.
          CacheBehaviors: [
            Match.objectLike({
              PathPattern: 'v1/snapshots/index.json',
              ViewerProtocolPolicy: 'redirect-to-https',
              Compress: true,
              CachePolicyId: { Ref: ids.latest },
            }),
            Match.objectLike({
              PathPattern: 'v1/snapshots/*',
              ViewerProtocolPolicy: 'redirect-to-https',
              Compress: true,
              CachePolicyId: { Ref: ids.snapshots },
            }),
          ],
        }),
      });
      expect(SNAPSHOT_INDEX_PATH).toBe(SNAPSHOT_INDEX_KEY);
      const ttl = (id: string) =>
        (s.template.toJSON().Resources[id] as { Properties: { CachePolicyConfig: Record<string, unknown> } })
          .Properties.CachePolicyConfig;
      expect(ttl(ids.latest)).toMatchObject({ MinTTL: 0, DefaultTTL: 300, MaxTTL: 300 });
      expect(ttl(ids.snapshots)).toMatchObject({ MinTTL: 0, DefaultTTL: 365 * 86_400, MaxTTL: 365 * 86_400 });
      for (const id of [ids.latest, ids.snapshots]) {
        expect(ttl(id)).toMatchObject({
          ParametersInCacheKeyAndForwardedToOrigin: expect.objectContaining({
            EnableAcceptEncodingGzip: true,
            EnableAcceptEncodingBrotli: true,
          }),
        });
      }
    });

    it('adds open CORS and strict security headers to every response', () => {
      const policy = onlyResource(s.template, 'AWS::CloudFront::ResponseHeadersPolicy');
      const config = policy.resource.Properties.ResponseHeadersPolicyConfig as Record<string, unknown>;
      expect(config.CorsConfig).toMatchObject({
        AccessControlAllowOrigins: { Items: ['*'] },
        AccessControlAllowMethods: { Items: ['GET', 'HEAD', 'OPTIONS'] },
        AccessControlAllowCredentials: false,
        OriginOverride: true,
      });
      expect(config.SecurityHeadersConfig).toEqual({
        ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63_072_000,
          IncludeSubdomains: true,
          Override: true,
        },
      });
      expect(CONTENT_SECURITY_POLICY).toBe(
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
      // Both behaviours use it.
      const dist = onlyResource(s.template, 'AWS::CloudFront::Distribution').resource.Properties
        ?.DistributionConfig as {
        DefaultCacheBehavior: Record<string, unknown>;
        CacheBehaviors: Record<string, unknown>[];
      };
      for (const b of [dist.DefaultCacheBehavior, ...dist.CacheBehaviors]) {
        expect(b.ResponseHeadersPolicyId).toEqual({ Ref: policy.id });
      }
    });

    it('uses the default certificate without a custom domain', () => {
      const dist = onlyResource(s.template, 'AWS::CloudFront::Distribution');
      expect(dist.resource.Properties.DistributionConfig).not.toHaveProperty('Aliases');
      expect(dist.resource.Properties.DistributionConfig).not.toHaveProperty('ViewerCertificate');
    });

    it('serves a custom domain with its ACM certificate and TLSv1.2_2021 minimum', () => {
      custom.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['amif.example.fi'],
          ViewerCertificate: {
            AcmCertificateArn: FULL_CONTEXT.certificateArn,
            MinimumProtocolVersion: 'TLSv1.2_2021',
            SslSupportMethod: 'sni-only',
          },
        }),
      });
      custom.template.hasOutput('FeedUrl', { Value: 'https://amif.example.fi' });
    });
  });
});
