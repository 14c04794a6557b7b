import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Metric the handler emits (EMF, no dimensions) once per successful run. */
export const SUCCESSFUL_RUNS_METRIC = 'SuccessfulRuns';

export interface HarvestAlarmsProps {
  /** The harvester function (its Errors metric). */
  readonly harvester: IFunction;
  /** The schedule's dead-letter queue. */
  readonly deadLetterQueue: IQueue;
  /** Where alarm notifications go. */
  readonly opsTopic: ITopic;
  /**
   * Namespace of the handler's EMF metrics.
   *
   * @default 'AmifFeed'
   */
  readonly metricsNamespace?: string;
  /**
   * Time without a successful run after which the feed counts as stale. A day plus slack for a
   * slow run and daylight saving shifts; must be a whole number of minutes, at least an hour.
   *
   * @default Duration.hours(26)
   */
  readonly staleAfter?: Duration;
}

/**
 * Three alarms, all to the operations topic:
 * - the harvester threw (something to read in the logs today);
 * - an invocation was dead-lettered (the schedule could not even start it);
 * - no successful run for 26 hours (the feed is stale, whatever the reason, including the
 *   schedule being disabled or the function never being invoked at all — which no error metric
 *   would show).
 */
export class HarvestAlarms extends Construct {
  readonly errors: Alarm;
  readonly deadLetters: Alarm;
  readonly stale: Alarm;

  constructor(scope: Construct, id: string, props: HarvestAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.opsTopic);

    this.errors = new Alarm(this, 'HarvesterErrors', {
      alarmDescription: 'amif-feed harvester threw an error; see its log group.',
      metric: props.harvester.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No invocation, no datapoint: that is health, not an error (staleness is the third alarm's job).
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.deadLetters = new Alarm(this, 'DeadLetters', {
      alarmDescription:
        'amif-feed: a scheduled harvest could not be delivered to Lambda and was dead-lettered.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const staleAfter = props.staleAfter ?? Duration.hours(26);
    this.stale = new Alarm(this, 'NoSuccessfulRun', {
      alarmDescription: `amif-feed: no successful harvest for ${staleAfter.toHumanString()}; the published feed is stale.`,
      metric: new Metric({
        namespace: props.metricsNamespace ?? 'AmifFeed',
        metricName: SUCCESSFUL_RUNS_METRIC,
        statistic: 'Sum',
        // One period spanning the whole window: "any success in the last 26 h" is Sum >= 1.
        period: staleAfter,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No datapoint in 26 h is exactly the failure this alarm exists for.
      treatMissingData: TreatMissingData.BREACHING,
    });

    for (const alarm of [this.errors, this.deadLetters, this.stale]) alarm.addAlarmAction(action);
    // Tell the operator when the feed is fresh again; the other two clear on their own next period.
    this.stale.addOkAction(action);
  }
}
