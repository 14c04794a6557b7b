import { Aws, Duration, TimeZone, Validations } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface HarvestScheduleProps {
  /** The function to invoke. */
  readonly target: IFunction;
  /**
   * EventBridge Scheduler expression.
   *
   * @default 'cron(0 4 * * ? *)' — 04:00 every day: the ministries publish during office hours,
   *   and a run before the working day means subscribers read yesterday's decisions with coffee.
   */
  readonly expression?: string;
  /**
   * IANA time zone the expression is read in; Scheduler follows daylight saving time.
   *
   * @default 'Europe/Helsinki'
   */
  readonly timeZone?: string;
  /**
   * How often Scheduler retries an invocation Lambda did not accept (throttled, service error).
   *
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * How long Scheduler keeps retrying before it gives up and dead-letters the event.
   *
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
}

/**
 * Runs the harvester on EventBridge Scheduler (stable in aws-cdk-lib since 2.186): unlike an
 * EventBridge rule it reads cron expressions in a time zone, so "04:00" stays 04:00 Finnish time
 * across daylight saving changes.
 */
export class HarvestSchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: HarvestScheduleProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      // SSE-SQS, not SSE-KMS with alias/aws/sqs: Scheduler cannot use the AWS-managed SQS key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows: a dead-lettered run is evidence worth a fortnight.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue.node.defaultChild ?? this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead-letter queue of the harvest schedule (Scheduler's DeadLetterConfig, which cdk-nag " +
        'does not recognise); a DLQ of a DLQ would only move the same messages.',
    });

    // Scheduler's execution role, written out rather than left to LambdaInvoke: its generated
    // role would also allow invoking every version and alias (`function:*`), which nothing uses.
    // `withoutPolicyUpdates()` makes the target's own grants no-ops, so this is the whole policy.
    const role = new Role(this, 'Role', {
      description: 'amif-feed: lets EventBridge Scheduler start the harvest and dead-letter it',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      inlinePolicies: {
        InvokeHarvester: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['lambda:InvokeFunction'],
              resources: [props.target.functionArn],
            }),
            new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
          ],
        }),
      },
    });

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'amif-feed: daily harvest',
      schedule: ScheduleExpression.expression(
        props.expression ?? 'cron(0 4 * * ? *)',
        TimeZone.of(props.timeZone ?? 'Europe/Helsinki'),
      ),
      // Exactly at the set time: the run is short and nothing competes with it.
      timeWindow: TimeWindow.off(),
      target: new LambdaInvoke(props.target, {
        retryAttempts: props.retryAttempts ?? 2,
        maxEventAge: props.maxEventAge ?? Duration.hours(1),
        deadLetterQueue: this.deadLetterQueue,
        role: role.withoutPolicyUpdates(),
      }),
    });
  }
}
