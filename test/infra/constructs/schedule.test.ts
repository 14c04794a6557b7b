import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { arnOf, FULL_CONTEXT, logicalId, onlyResource, type Synthesised, synth } from '../synth-once';

describe('harvest schedule', () => {
  let s: Synthesised;
  let ids: { fn: string; dlq: string; role: string };

  beforeAll(() => {
    s = synth();
    const { stack } = s;
    ids = {
      fn: logicalId(stack, stack.harvester.function),
      dlq: logicalId(stack, stack.schedule.deadLetterQueue),
      role: logicalId(stack, stack.schedule.node.findChild('Role')),
    };
  });

  it('runs daily at 04:00 Finnish time by default, exactly on time', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 4 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Helsinki',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it('takes its expression from -c schedule', () => {
    synth(FULL_CONTEXT).template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 5 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Helsinki',
    });
  });

  it('invokes the harvester with 2 retries within an hour, then dead-letters', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: {
        Arn: arnOf(ids.fn),
        RoleArn: arnOf(ids.role),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: arnOf(ids.dlq) },
      },
    });
  });

  it('has a role that can invoke the harvester (unqualified) and write the DLQ, nothing more', () => {
    const role = onlyResource(s.template, 'AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
        }),
      },
    });
    expect(role.id).toBe(ids.role);
    expect(role.resource.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }],
    });
    expect(role.resource.Properties.Policies).toEqual([
      {
        PolicyName: 'InvokeHarvester',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arnOf(ids.fn) },
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(ids.dlq) },
          ],
        },
      },
    ]);
    // No generated policy (e.g. lambda:InvokeFunction on `function:*`) is attached to it.
    expect(
      s.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: ids.role }] } }),
    ).toEqual({});
  });

  it('dead-letters into an SSE-SQS encrypted, TLS-only queue kept 14 days', () => {
    s.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.dlq }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
  });
});
