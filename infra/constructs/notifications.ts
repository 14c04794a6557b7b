import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { NotifySubscription } from '../notify-subscriptions';

export interface NotificationsProps {
  /**
   * E-mail addresses subscribed to new-award notices. Each address receives a confirmation
   * e-mail from SNS and gets nothing until the link in it is followed.
   *
   * @default - no subscribers (the Atom feed still announces awards)
   */
  readonly notifyEmails?: readonly string[];
  /**
   * E-mail subscribers with a filter policy on the notices' message attributes (FilterPolicyScope
   * MessageAttributes, SNS's default): each receives only the notices with an award it follows.
   *
   * @default - none
   */
  readonly notify?: readonly NotifySubscription[];
  /**
   * E-mail addresses subscribed to operational alarms.
   *
   * @default - no subscribers (alarms still show in the CloudWatch console)
   */
  readonly opsEmails?: readonly string[];
}

/**
 * Two SNS topics: one for the public ("new AMIF awards"), one for whoever runs the service
 * (alarms). They are separate so that a subscriber to awards never receives an outage page and
 * an operator can mute awards without muting alarms.
 */
export class Notifications extends Construct {
  readonly awardsTopic: Topic;
  readonly opsTopic: Topic;

  constructor(scope: Construct, id: string, props: NotificationsProps = {}) {
    super(scope, id);

    // Only the harvester (an IAM principal of this account) publishes here, which the AWS-managed
    // key allows by its own policy: encryption at rest without the $1/month of a CMK.
    this.awardsTopic = new Topic(this, 'AwardsTopic', {
      displayName: 'AMIF feed: new awards',
      masterKey: Alias.fromAliasName(this, 'AwsManagedSnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    for (const email of props.notifyEmails ?? []) {
      this.awardsTopic.addSubscription(new EmailSubscription(email));
    }
    for (const { email, filter } of props.notify ?? []) {
      const policy = Object.entries(filter).map(
        ([key, values]) => [key, SubscriptionFilter.stringFilter({ allowlist: [...values] })] as const,
      );
      this.awardsTopic.addSubscription(
        new EmailSubscription(email, policy.length > 0 ? { filterPolicy: Object.fromEntries(policy) } : {}),
      );
    }

    // CloudWatch alarms cannot publish to a topic encrypted with alias/aws/sns (its key policy
    // cannot grant the CloudWatch service principal anything), so the ops topic gets a key of its own.
    const opsKey = new Key(this, 'OpsTopicKey', {
      description: 'amif-feed: encrypts the operations (alarm) SNS topic',
      enableKeyRotation: true,
      // The key protects only messages in flight through SNS; nothing stays encrypted under it.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    opsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy "*" means this key
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.opsTopic = new Topic(this, 'OpsTopic', {
      displayName: 'AMIF feed: operations',
      masterKey: opsKey,
      enforceSSL: true,
    });
    // enforceSSL replaces the topic's default access policy, so say explicitly that this
    // account's alarms may publish.
    this.opsTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.opsTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
        },
      }),
    );
    for (const email of props.opsEmails ?? []) {
      this.opsTopic.addSubscription(new EmailSubscription(email));
    }
  }
}
