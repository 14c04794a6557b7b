import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, type Synthesised, synth } from '../synth-once';

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
    // The harvest-wide alarms: the per-source ones carry a SourceId dimension.
    const found = alarms.filter(
      (a) => a.MetricName === metricName && !JSON.stringify(a.Dimensions ?? []).includes('SourceId'),
    );
    expect(found).toHaveLength(1);
    return found[0] as AlarmProps;
  };

  /** A problem alarm as the template holds it: daily sums, firing on two days in a row. */
  const twoDayAlarm = (says: string, metric: string, dimension: { Name: string; Value: string }) => ({
    AlarmActions: [{ Ref: ops }],
    AlarmDescription: expect.stringContaining(says),
    Namespace: 'AmifFeed',
    MetricName: metric,
    Dimensions: [dimension],
    Statistic: 'Sum',
    Period: 86_400,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    EvaluationPeriods: 2,
    DatapointsToAlarm: 2,
    TreatMissingData: 'notBreaching',
    Tags: [{ Key: 'project', Value: 'amif-feed' }],
  });

  const SOURCE_IDS = [
    'eusa-amif-2021',
    'eusa-amif-2014-so1',
    'eusa-amif-2014-so2',
    'eusa-amif-2014-so3',
    'eusa-amif-fund',
    'migri-hankkeet',
    'migri-projekt-sv',
    'migri-projects-en',
    'migri-completed-projects-en',
    // The default listings: a listing that moves silences the award signal, so it has alarms too.
    'vn-press-en',
    'intermin-search-fi',
    'intermin-search-sv',
    'intermin-search-en',
  ];

  it('are three for the harvest, three per source read and one for the discovered releases, all notifying the operations topic', () => {
    expect(alarms).toHaveLength(3 + 3 * SOURCE_IDS.length + 1);
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: ops }]);
  });

  it.each([
    ['SourceMoved', 'its address answers 404/410 or redirects elsewhere'],
    ['SourceUnreachable', 'its server could not be reached'],
    ['SourceRefused', 'the page was fetched but not used'],
  ])('fire per source, by name, when %s was reported on two consecutive days', (metric, says) => {
    const perSource = alarms.filter(
      (a) => a.MetricName === metric && JSON.stringify(a.Dimensions ?? []).includes('SourceId'),
    );
    expect(perSource.map((a) => (a.Dimensions as { Value: string }[])[0]!.Value)).toEqual(SOURCE_IDS);
    for (const [i, a] of perSource.entries()) {
      expect(a).toEqual(
        twoDayAlarm(`amif-feed source ${SOURCE_IDS[i]}: ${says}`, metric, {
          Name: 'SourceId',
          Value: SOURCE_IDS[i]!,
        }),
      );
    }
  });

  it('watch a deployment’s own press releases, under the ids the handler gives them', () => {
    const url = 'https://intermin.fi/-/sisaministerio-myontaa-eu-rahoitusta';
    const custom = synth({ pressReleaseUrls: url });
    const moved = Object.values(custom.template.findResources('AWS::CloudWatch::Alarm'))
      .map((r) => r.Properties as AlarmProps)
      .filter((a) => a.MetricName === 'SourceMoved')
      .map((a) => (a.Dimensions as { Value: string }[])[0]!.Value);
    expect(moved).toEqual([
      ...SOURCE_IDS.slice(0, 9),
      expect.stringMatching(/^intermin-press-fi-[0-9a-f]{10}$/),
      ...SOURCE_IDS.slice(9),
    ]);
  });

  it('watch the configured listings instead of the defaults, and none with listingUrls=none', () => {
    const ids = (listingUrls: string) =>
      Object.values(synth({ listingUrls }).template.findResources('AWS::CloudWatch::Alarm'))
        .map((r) => r.Properties as AlarmProps)
        .filter((a) => a.MetricName === 'SourceUnreachable')
        .map((a) => (a.Dimensions as { Value: string }[])[0]!.Value);
    expect(
      ids('feed=https://valtioneuvosto.fi/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss'),
    ).toEqual([...SOURCE_IDS.slice(0, 9), 'feed']);
    expect(ids('none')).toEqual(SOURCE_IDS.slice(0, 9));
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
    const { runMetricsLine, sourceMetricsLines } = await import('../../../functions/harvest/run-metrics');
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
    const [line, discoveredLine] = sourceMetricsLines(
      namespace,
      {
        ...report,
        sources: [
          { id: 'eusa-amif-2014-so3', url: 'u', status: 'failed', problem: 'moved' },
          { id: 'intermin-press-fi-0123456789', url: 'u', status: 'refused' },
        ],
      } as never,
      new Date(0),
      new Set(SOURCE_IDS),
    );
    const sourceEmf = JSON.parse(line!) as { _aws: { CloudWatchMetrics: { Namespace: string }[] } };
    const alarm = alarms.find(
      (a) => a.MetricName === 'SourceMoved' && JSON.stringify(a.Dimensions).includes('eusa-amif-2014-so3'),
    );
    expect(sourceEmf._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: alarm?.Namespace,
      Dimensions: [['SourceId']],
      Metrics: [{ Name: alarm?.MetricName, Unit: 'Count' }],
    });
    expect(sourceEmf).toMatchObject({ SourceId: 'eusa-amif-2014-so3', SourceMoved: 1 });
    // The discovered releases' alarm watches the metric and group a refused discovered release is counted in.
    const discovered = alarms.filter((a) => JSON.stringify(a.Dimensions ?? []).includes('SourceGroup'));
    expect(discovered).toHaveLength(1);
    const discoveredEmf = JSON.parse(discoveredLine!) as {
      _aws: {
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
      };
    } & Record<string, unknown>;
    const [dimension] = discovered[0]!.Dimensions as { Name: string; Value: string }[];
    expect(discoveredEmf._aws.CloudWatchMetrics[0]?.Namespace).toBe(discovered[0]!.Namespace);
    expect(discoveredEmf._aws.CloudWatchMetrics[0]?.Dimensions).toContainEqual([dimension!.Name]);
    expect(discoveredEmf[dimension!.Name]).toBe(dimension!.Value);
    expect(discoveredEmf[discovered[0]!.MetricName as string]).toBe(1);
  });

  it('one alarm for the releases the listings lead to: any of them refused on two consecutive days', () => {
    const [alarm] = alarms.filter((a) => JSON.stringify(a.Dimensions ?? []).includes('SourceGroup'));
    expect(alarm).toEqual(
      twoDayAlarm('a press release found through a listing was fetched but not understood', 'SourceRefused', {
        Name: 'SourceGroup',
        Value: 'discovered-releases',
      }),
    );
  });
});
