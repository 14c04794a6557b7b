import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FULL_CONTEXT, logicalId, type Synthesised, synth } from '../synth-once';

describe('notifications', () => {
  let base: Synthesised;
  let full: Synthesised;
  let ids: { awards: string; ops: string; key: string };

  beforeAll(() => {
    base = synth();
    full = synth(FULL_CONTEXT);
    const { stack } = base;
    ids = {
      awards: logicalId(stack, stack.notifications.awardsTopic),
      ops: logicalId(stack, stack.notifications.opsTopic),
      key: logicalId(stack, stack.notifications.node.findChild('OpsTopicKey')),
    };
  });

  const subscriptions = (s: Synthesised) =>
    Object.values(s.template.findResources('AWS::SNS::Subscription')).map(
      (r) => r.Properties as Record<string, unknown>,
    );

  it('has no subscriptions unless context names some', () => {
    expect(subscriptions(base)).toEqual([]);
  });

  it('subscribes -c notifyEmails to awards and -c opsEmails to operations', () => {
    const subs = subscriptions(full);
    const to = (topic: string) =>
      subs
        .filter((p) => JSON.stringify(p.TopicArn) === JSON.stringify({ Ref: topic }))
        .map((p) => [p.Protocol, p.Endpoint]);
    expect(to(ids.awards)).toEqual([
      ['email', 'alice@example.fi'],
      ['email', 'bob@example.org'],
    ]);
    expect(to(ids.ops)).toEqual([['email', 'ops@example.fi']]);
  });

  it('subscribes -c notify with a filter policy on the message attributes for each address', () => {
    const filtered = synth({
      notify: [
        // "my organisation", "one objective", "2021–2027 only", both of two objectives of one
        // programme, and everything.
        'org@example.fi:beneficiary=turun-kaupunki',
        'research@example.fi:objective=2',
        'press@example.fi:programme=amif-2021-2027',
        'both@example.fi:programme=amif-2021-2027&objective=1|3',
        'all@example.fi',
      ].join(','),
    });
    const byEmail = Object.fromEntries(
      subscriptions(filtered).map((p) => [
        p.Endpoint,
        { policy: p.FilterPolicy, scope: p.FilterPolicyScope },
      ]),
    );
    expect(byEmail).toEqual({
      'org@example.fi': { policy: { beneficiary: ['turun-kaupunki'] }, scope: undefined },
      'research@example.fi': { policy: { objective: ['2'] }, scope: undefined },
      'press@example.fi': { policy: { programme: ['amif-2021-2027'] }, scope: undefined },
      'both@example.fi': {
        policy: { programme: ['amif-2021-2027'], objective: ['1', '3'] },
        scope: undefined,
      },
      'all@example.fi': { policy: undefined, scope: undefined },
    });
    const awards = logicalId(filtered.stack, filtered.stack.notifications.awardsTopic);
    for (const p of subscriptions(filtered)) {
      expect(p.Protocol).toBe('email');
      expect(p.TopicArn).toEqual({ Ref: awards });
    }
  });

  it('encrypts awards with the AWS-managed SNS key and operations with a rotating CMK', () => {
    const awards = base.template.toJSON().Resources[ids.awards] as {
      Properties: { KmsMasterKeyId: unknown };
    };
    expect(JSON.stringify(awards.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
    base.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
    });
    base.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('lets CloudWatch alarms of this account use the ops key and publish to the ops topic', () => {
    base.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
    base.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: ids.ops }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: ids.ops },
          }),
        ]),
      },
    });
  });

  it('refuses publishes without TLS on both topics', () => {
    for (const topic of [ids.awards, ids.ops]) {
      base.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topic }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });
});
