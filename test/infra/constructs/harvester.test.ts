import { Match } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { arnOf, FULL_CONTEXT, logicalId, onlyResource, type Synthesised, synth } from '../synth-once';

describe('harvester Lambda', () => {
  let base: Synthesised;
  let full: Synthesised;
  let ids: {
    table: string;
    bucket: string;
    awards: string;
    logGroup: string;
    distribution: string;
    fn: string;
  };

  beforeAll(() => {
    base = synth();
    full = synth(FULL_CONTEXT);
    const { stack } = base;
    ids = {
      table: logicalId(stack, stack.state.table),
      bucket: logicalId(stack, stack.site.bucket),
      awards: logicalId(stack, stack.notifications.awardsTopic),
      logGroup: logicalId(stack, stack.harvester.logGroup),
      distribution: logicalId(stack, stack.site.distribution),
      fn: logicalId(stack, stack.harvester.function),
    };
  });

  it('runs on the newest Node.js runtime aws-cdk-lib knows, on arm64, as an ESM bundle', () => {
    const newestNode = Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name))
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop();
    expect(newestNode).toBe('nodejs24.x');
    base.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: newestNode,
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('has 1769 MB (one vCPU), a 10-minute timeout and reserved concurrency 1', () => {
    base.template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1769,
      Timeout: 600,
      ReservedConcurrentExecutions: 1,
    });
  });

  it('reserves no concurrency when told -c reservedConcurrency=off', () => {
    const off = synth({ reservedConcurrency: 'off' });
    const fn = onlyResource(off.template, 'AWS::Lambda::Function');
    expect(fn.resource.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
  });

  it('logs JSON into its own log group kept for three months', () => {
    base.template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: ids.logGroup } },
    });
    base.template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 } });
  });

  it('does not retry failed async invocations itself and has no dead-letter target', () => {
    base.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.fn },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: Match.absent(),
    });
    const fn = onlyResource(base.template, 'AWS::Lambda::Function');
    expect(fn.resource.Properties).not.toHaveProperty('DeadLetterConfig');
  });

  it('gets exactly the environment config.ts validates, with defaults', () => {
    const fn = onlyResource(base.template, 'AWS::Lambda::Function');
    expect(fn.resource.Properties.Environment).toEqual({
      Variables: {
        TABLE_NAME: { Ref: ids.table },
        BUCKET_NAME: { Ref: ids.bucket },
        PUBLIC_BASE_URL: {
          'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [ids.distribution, 'DomainName'] }]],
        },
        AWARDS_TOPIC_ARN: { Ref: ids.awards },
        // Required at deploy (app-config.ts); synth-once.ts gives the tests' stand-in.
        CONTACT_EMAIL: 'contact@example.fi',
        COLLAPSE_THRESHOLD: '0.2',
        METRICS_NAMESPACE: 'AmifFeed',
        NODE_OPTIONS: '--enable-source-maps --max-old-space-size=1024',
      },
    });
  });

  it('takes contact e-mail, threshold, press releases and the custom domain from context', () => {
    full.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          PUBLIC_BASE_URL: 'https://amif.example.fi',
          CONTACT_EMAIL: 'data@example.fi',
          COLLAPSE_THRESHOLD: '0.35',
          PRESS_RELEASE_URLS: 'https://intermin.fi/-/press-1,https://migri.fi/-/press-2',
        }),
      },
    });
  });

  it('produces an environment the handler’s own zod schema accepts', async () => {
    const { harvesterEnvSchema } = await import('../../../functions/harvest/config');
    const fn = onlyResource(full.template, 'AWS::Lambda::Function');
    const vars = (fn.resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    // Tokens become plausible deploy-time values; literals are checked as they are.
    const resolved = Object.fromEntries(
      Object.entries(vars).map(([k, v]) => [
        k,
        typeof v === 'string'
          ? v
          : k === 'AWARDS_TOPIC_ARN'
            ? 'arn:aws:sns:eu-north-1:123456789012:t'
            : `resolved-${k}`,
      ]),
    );
    const parsed = harvesterEnvSchema.safeParse(resolved);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  describe('least privilege', () => {
    type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
    let statements: Statement[];

    beforeAll(() => {
      const role = base.stack.harvester.function.role;
      if (role === undefined) throw new Error('harvester has no role');
      const roleId = logicalId(base.stack, role);
      const policies = Object.values(
        base.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
      );
      expect(policies).toHaveLength(1);
      const [policy] = policies;
      if (policy === undefined) throw new Error('harvester role has no policy');
      statements = (policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument
        .Statement;
      // No managed policies (AWSLambdaBasicExecutionRole would allow logs on every group).
      base.template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
        }),
        ManagedPolicyArns: Match.absent(),
      });
    });

    const actionsOn = (resource: unknown): string[] =>
      statements
        .filter((s) =>
          (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).some(
            (r) => JSON.stringify(r) === JSON.stringify(resource),
          ),
        )
        .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

    it('never names "*" as a resource and only allows', () => {
      for (const s of statements) {
        expect(s.Effect).toBe('Allow');
        const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
        for (const r of resources) expect(r).not.toBe('*');
        for (const a of Array.isArray(s.Action) ? s.Action : [s.Action]) expect(a).not.toMatch(/\*$/);
      }
    });

    it('reads and writes its own table and queries its one index, nothing else in DynamoDB', () => {
      expect(actionsOn(arnOf(ids.table)).sort()).toEqual([
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
      ]);
      expect(actionsOn({ 'Fn::Join': ['', [arnOf(ids.table), '/index/gsi1']] })).toEqual(['dynamodb:Query']);
      const dynamoStatements = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
      expect(dynamoStatements).toHaveLength(2);
    });

    it('gets and puts objects of its own bucket, lists it, and cannot delete', () => {
      expect(actionsOn({ 'Fn::Join': ['', [arnOf(ids.bucket), '/*']] }).sort()).toEqual([
        's3:GetObject',
        's3:PutObject',
      ]);
      expect(actionsOn(arnOf(ids.bucket))).toEqual(['s3:ListBucket']);
      expect(JSON.stringify(statements)).not.toMatch(/s3:Delete/);
      const s3Resources = statements
        .filter((s) => JSON.stringify(s.Action).includes('s3:'))
        .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
      for (const r of s3Resources) expect(JSON.stringify(r)).toContain(ids.bucket);
    });

    it('publishes to the awards topic only', () => {
      expect(actionsOn({ Ref: ids.awards })).toEqual(['sns:Publish']);
      const snsStatements = statements.filter((s) => JSON.stringify(s.Action).includes('sns:'));
      expect(snsStatements).toHaveLength(1);
    });

    it('writes only its own log group and needs no cloudwatch:PutMetricData (EMF goes through logs)', () => {
      expect(actionsOn(arnOf(ids.logGroup)).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(JSON.stringify(statements)).not.toMatch(/cloudwatch:|kms:/);
    });
  });
});
