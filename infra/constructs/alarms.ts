import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DISCOVERED_RELEASES,
  SOURCE_GROUP_DIMENSION,
  SOURCE_ID_DIMENSION,
  SOURCE_PROBLEM_METRICS,
  type SourceProblem,
} from '../../functions/harvest/run-metrics';

/** Metric the handler emits (EMF, no dimensions) once per successful run. */
export const SUCCESSFUL_RUNS_METRIC = 'SuccessfulRuns';

/**
 * The per-source alarms: each fires when its problem was reported on two consecutive daily runs
 * (a page down for one run is the next run's to retry), and says what the operator does.
 */
export const SOURCE_ALARMS: Readonly<Record<SourceProblem, { readonly action: string }>> = {
  moved: {
    action: 'its address answers 404/410 or redirects elsewhere: find where the page went and update its URL',
  },
  unreachable: {
    action: 'its server could not be reached (network, DNS, timeout, 5xx): check whether the site is down',
  },
  refused: {
    action: 'the page was fetched but not used (layout changed, collapse, wrong type): read the run report',
  },
};
/** Consecutive daily runs with the problem before a source's alarm fires. */
export const SOURCE_ALARM_DAYS = 2;

/** What the discovered releases' alarm says: no release found through a listing has alarms of its own. */
export const DISCOVERED_RELEASE_ALARM_DESCRIPTION =
  'amif-feed: a press release found through a listing was fetched but not understood on two consecutive days ' +
  '(its layout changed, or it is not an award release): read the run report (status.json names it); until it reads, ' +
  'the awards it states are not announced. A page that is not a release is forgotten with one invocation of ' +
  '{"forgetReleases": ["<source id>"]} (docs/discovery.md).';

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
  /** The ids of the sources the harvester reads: one alarm per source and problem. */
  readonly sourceIds: readonly string[];
}

/**
 * Three alarms for the harvest as a whole and three per source, all to the operations topic:
 * - the harvester threw (something to read in the logs today);
 * - an invocation was dead-lettered (the schedule could not even start it);
 * - no successful run for 26 hours (the feed is stale, whatever the reason, including the
 *   schedule being disabled or the function never being invoked at all — which no error metric
 *   would show);
 * - per source: moved or gone, unreachable, refused (SOURCE_ALARMS), each after two failed days;
 * - one for the releases the listings lead to, which no alarm can name: any of them refused two days.
 */
export class HarvestAlarms extends Construct {
  readonly errors: Alarm;
  readonly deadLetters: Alarm;
  readonly stale: Alarm;
  /** Per source id, per problem (SOURCE_PROBLEM_METRICS). */
  readonly sources: ReadonlyMap<string, Readonly<Record<SourceProblem, Alarm>>>;
  /** A release the listings led to was refused (DISCOVERED_RELEASES). */
  readonly discoveredReleases: Alarm;

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

    const namespace = props.metricsNamespace ?? 'AmifFeed';
    const problemAlarm = (id: string, description: string, metricName: string, dimension: [string, string]) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric: new Metric({
          namespace,
          metricName,
          dimensionsMap: { [dimension[0]]: dimension[1] },
          statistic: 'Sum',
          period: Duration.days(1),
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: SOURCE_ALARM_DAYS,
        datapointsToAlarm: SOURCE_ALARM_DAYS,
        // The metric is only emitted for a source with the problem: no datapoint is health.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.sources = new Map(
      props.sourceIds.map((id) => {
        const make = (problem: SourceProblem) =>
          problemAlarm(
            `${SOURCE_PROBLEM_METRICS[problem]}-${id}`,
            `amif-feed source ${id}: ${SOURCE_ALARMS[problem].action}.`,
            SOURCE_PROBLEM_METRICS[problem],
            [SOURCE_ID_DIMENSION, id],
          );
        return [
          id,
          { moved: make('moved'), unreachable: make('unreachable'), refused: make('refused') },
        ] as const;
      }),
    );
    this.discoveredReleases = problemAlarm(
      'DiscoveredReleaseRefused',
      DISCOVERED_RELEASE_ALARM_DESCRIPTION,
      SOURCE_PROBLEM_METRICS.refused,
      [SOURCE_GROUP_DIMENSION, DISCOVERED_RELEASES],
    );

    const perSource = [...this.sources.values()].flatMap((a) => [a.moved, a.unreachable, a.refused]);
    for (const alarm of [this.errors, this.deadLetters, this.stale, ...perSource, this.discoveredReleases])
      alarm.addAlarmAction(action);
    // Tell the operator when the feed is fresh again; the other two clear on their own next period.
    this.stale.addOkAction(action);
  }
}
