/**
 * CDK feature flags this app opts into.
 *
 * `cdk init` would write the recommended flags into cdk.json; this repository's cdk.json keeps an
 * empty context, so the app pins the flags that change *our* resources here, explicitly. They are
 * pinned (not spread from `CURRENTLY_RECOMMENDED_FLAGS`) so that upgrading aws-cdk-lib can never
 * silently rewrite the deployed template. Context given on the command line or in cdk.json still
 * wins over these values.
 */
export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = {
  // IAM policies merged and deduplicated: smaller, more readable policies.
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // ARNs use the partition literal ("aws") when the region is known, not a Fn::Sub.
  '@aws-cdk/core:enablePartitionLiterals': true,
  // S3 server access logs are delivered through a bucket policy on the log bucket, not a
  // LogDeliveryWrite ACL (the AWS-recommended way since 2023).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  // New buckets block public access unless told otherwise (ours say so explicitly as well).
  '@aws-cdk/aws-s3:publicAccessBlockedByDefault': true,
  // Key policies do not grant cross-account/region use that nothing here needs.
  '@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope': true,
  // TLSv1.2_2021 is the viewer minimum whenever a certificate of our own is attached.
  '@aws-cdk/aws-cloudfront:defaultSecurityPolicyTLSv1.2_2021': true,
};
