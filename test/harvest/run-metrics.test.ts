import { describe, expect, it } from 'vitest';
import type { RunReport, SourceReport } from '../../functions/core/model/run-report';
import { runMetricsLine, sourceMetricsLines } from '../../functions/harvest/run-metrics';

const source = (
  id: string,
  status: SourceReport['status'],
  problem?: SourceReport['problem'],
): SourceReport => ({
  id,
  url: `https://example.fi/${id}`,
  status,
  ...(problem ? { problem } : {}),
  records: 0,
  pageUpdated: null,
  sha256: null,
  warnings: [],
});

const report = (status: RunReport['status'], sources: SourceReport[]): RunReport => ({
  runId: 'run-1',
  startedAt: '2026-12-05T04:00:00.000Z',
  status,
  counts: { total: 60, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: 60 },
  sources,
  warnings: [],
  published: ['v1/status.json'],
});

describe('Run metrics: one thing each', () => {
  const at = new Date('2026-12-05T04:00:00.000Z');
  const partial = report('partial', [
    source('eusa-amif-2021', 'not-modified'),
    source('eusa-amif-2014-so3', 'failed', 'moved'),
    source('migri-hankkeet', 'failed', 'unreachable'),
    source('eusa-amif-fund', 'failed', 'rejected'),
    source('intermin-press-2023-04-12-sv', 'refused'),
    source('eusa-amif-2014-so2', 'skipped'),
  ]);
  /** The sources the stack has alarms for: here every one of the report's. */
  const configured = new Set(partial.sources.map((s) => s.id));

  it('counts a run that confirmed the healthy sources as successful, a failed one not', () => {
    expect(JSON.parse(runMetricsLine('AmifFeed', partial, 1200, at))).toMatchObject({
      SuccessfulRuns: 1,
      RefusedSources: 1,
      status: 'partial',
    });
    expect(JSON.parse(runMetricsLine('AmifFeed', report('unchanged', []), 1, at)).SuccessfulRuns).toBe(1);
    expect(JSON.parse(runMetricsLine('AmifFeed', report('failed', []), 1, at)).SuccessfulRuns).toBe(0);
  });

  it('names each unusable source in the metric of its problem, and says nothing of the others', () => {
    const lines = sourceMetricsLines('AmifFeed', partial, at, configured).map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.SourceId, l.problem])).toEqual([
      ['eusa-amif-2014-so3', 'moved'],
      ['migri-hankkeet', 'unreachable'],
      ['eusa-amif-fund', 'refused'],
      ['intermin-press-2023-04-12-sv', 'refused'],
    ]);
    expect(lines[0]).toEqual({
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'AmifFeed',
            Dimensions: [['SourceId']],
            Metrics: [{ Name: 'SourceMoved', Unit: 'Count' }],
          },
        ],
      },
      runId: 'run-1',
      SourceId: 'eusa-amif-2014-so3',
      problem: 'moved',
      SourceMoved: 1,
    });
    expect(lines[1]).toMatchObject({ SourceUnreachable: 1 });
    expect(lines[2]).toMatchObject({ SourceRefused: 1 });
  });

  it('counts a refused release the listings led to under the discovered releases too, which one alarm watches', () => {
    const discovered = 'intermin-press-fi-0123456789';
    const run = report('partial', [
      source('eusa-amif-2021', 'ok'),
      source(discovered, 'refused'),
      source('intermin-press-fi-aaaaaaaaaa', 'failed', 'moved'),
      source('eusa-amif-fund', 'refused'),
    ]);
    const lines = sourceMetricsLines('AmifFeed', run, at, new Set(['eusa-amif-2021', 'eusa-amif-fund'])).map(
      (l) => JSON.parse(l),
    );
    expect(lines[0]).toEqual({
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'AmifFeed',
            Dimensions: [['SourceId'], ['SourceGroup']],
            Metrics: [{ Name: 'SourceRefused', Unit: 'Count' }],
          },
        ],
      },
      runId: 'run-1',
      SourceId: discovered,
      SourceGroup: 'discovered-releases',
      problem: 'refused',
      SourceRefused: 1,
    });
    // A discovered release that moved (nothing to fix in the feed) and a configured source: by id only.
    expect(
      lines.slice(1).map((l) => [l.SourceId, l._aws.CloudWatchMetrics[0].Dimensions, l.SourceGroup]),
    ).toEqual([
      ['intermin-press-fi-aaaaaaaaaa', [['SourceId']], undefined],
      ['eusa-amif-fund', [['SourceId']], undefined],
    ]);
  });
});
