import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, type Synthesised, synth } from './synth-once';

describe('stack', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synth();
  });

  it('is environment-agnostic and needed no lookups (synth works offline, without credentials)', () => {
    expect(Token.isUnresolved(s.stack.account)).toBe(true);
    expect(Token.isUnresolved(s.stack.region)).toBe(true);
    expect(s.stack.environment).toBe('aws://unknown-account/unknown-region');
    const manifest = JSON.parse(readFileSync(join(s.outdir, 'manifest.json'), 'utf8')) as {
      missing?: unknown[];
    };
    expect(manifest.missing ?? []).toEqual([]);
  });

  it('synthesises without unacknowledged CDK warnings or errors', () => {
    const annotations = Annotations.fromStack(s.stack);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  it('outputs the feed URL, table, bucket, topics, function and what DNS and log tailing need', () => {
    const { stack } = s;
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'AwardsTopicArn',
        'BucketName',
        'DistributionDomainName',
        'FeedUrl',
        'HarvesterFunctionName',
        'HarvesterLogGroupName',
        'OpsTopicArn',
        'TableName',
      ].sort(),
    );
    expect(outputs.FeedUrl?.Value).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [logicalId(stack, stack.site.distribution), 'DomainName'] }],
      ],
    });
    expect(outputs.TableName?.Value).toEqual({ Ref: logicalId(stack, stack.state.table) });
    expect(outputs.BucketName?.Value).toEqual({ Ref: logicalId(stack, stack.site.bucket) });
    expect(outputs.AwardsTopicArn?.Value).toEqual({ Ref: logicalId(stack, stack.notifications.awardsTopic) });
    expect(outputs.OpsTopicArn?.Value).toEqual({ Ref: logicalId(stack, stack.notifications.opsTopic) });
    expect(outputs.HarvesterFunctionName?.Value).toEqual({ Ref: logicalId(stack, stack.harvester.function) });
    expect(outputs.HarvesterLogGroupName?.Value).toEqual({ Ref: logicalId(stack, stack.harvester.logGroup) });
    expect(outputs.DistributionDomainName?.Value).toEqual({
      'Fn::GetAtt': [logicalId(stack, stack.site.distribution), 'DomainName'],
    });
  });
});
