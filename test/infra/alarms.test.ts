import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, type Synthesised, synth } from './synth-once';

type AlarmProps = Record<string, unknown>;

describe('alarms', () => {
  let s: Synthesised;
  let alarms: AlarmProps[];
  let ops: string;
  let ids: { fn: string; dlq: string };

  beforeAll(() => {
    s = synth();
    alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm')).map(
      (r) => r.Properties as AlarmProps,
    );
    ops = logicalId(s.stack, s.stack.notifications.opsTopic);
    ids = {
      fn: logicalId(s.stack, s.stack.harvester.function),
      dlq: logicalId(s.stack, s.stack.schedule.deadLetterQueue),
    };
  });

  const find = (metricName: string) => {
    const found = alarms.filter((a) => a.MetricName === metricName);
    expect(found).toHaveLength(1);
    return found[0] as AlarmProps;
  };

  it('are exactly three, all notifying the operations topic', () => {
    expect(alarms).toHaveLength(3);
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: ops }]);
  });

  it('fire on any harvester error', () => {
    expect(find('Errors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('fire on any dead-lettered invocation', () => {
    expect(find('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('fire when no run succeeded for 26 hours, missing data counting as failure', () => {
    const stale = find('SuccessfulRuns');
    expect(stale).toMatchObject({
      Namespace: 'AmifFeed',
      Statistic: 'Sum',
      Period: 26 * 3600,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'breaching',
      OKActions: [{ Ref: ops }],
    });
    expect(stale).not.toHaveProperty('Dimensions');
    // CloudWatch: a multiple of 60 s, and period x evaluation periods within 7 days for periods >= 1 h.
    expect((stale.Period as number) % 60).toBe(0);
    expect((stale.Period as number) * (stale.EvaluationPeriods as number)).toBeLessThanOrEqual(7 * 86_400);
  });

  it('watch the metric the handler emits, under the namespace the function is told', async () => {
    const { runMetricsLine } = await import('../../functions/harvest/run-metrics');
    const fn = Object.values(s.template.findResources('AWS::Lambda::Function'))[0]?.Properties as {
      Environment: { Variables: Record<string, string> };
    };
    const namespace = fn.Environment.Variables.METRICS_NAMESPACE ?? '';
    const report = {
      runId: 'r',
      status: 'published',
      sources: [],
      counts: { total: 1, new: 0, changed: 0, removed: 0 },
      warnings: [],
    };
    const emf = JSON.parse(runMetricsLine(namespace, report as never, 10, new Date(0))) as {
      _aws: {
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
      };
      SuccessfulRuns: number;
    };
    const directive = emf._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe(find('SuccessfulRuns').Namespace);
    expect(directive?.Dimensions).toEqual([[]]);
    expect(directive?.Metrics.map((m) => m.Name)).toContain('SuccessfulRuns');
    expect(emf.SuccessfulRuns).toBe(1);
  });
});
