import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs } from '../../bench/bench-args';
import { syntheticPage } from '../../bench/synthetic-page';
import { writtenBetween } from '../../bench/written-files';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';

describe('npm run bench: arguments', () => {
  it('defaults to 20 000 rows and 3 rounds, with the bundle figures', () => {
    expect(parseBenchArgs([])).toEqual({ rows: 20_000, iterations: 3, keep: false, bundle: true });
  });

  it('reads the options, and the environment variables when an option is absent', () => {
    expect(parseBenchArgs(['--rows', '50', '--iterations', '1', '--keep', '--no-bundle'])).toEqual({
      rows: 50,
      iterations: 1,
      keep: true,
      bundle: false,
    });
    expect(parseBenchArgs([], { BENCH_ROWS: '2000', BENCH_ITERATIONS: '2', BENCH_KEEP: '1' })).toEqual({
      rows: 2000,
      iterations: 2,
      keep: true,
      bundle: true,
    });
    expect(parseBenchArgs(['--rows', '300'], { BENCH_ROWS: '2000', BENCH_KEEP: '0' })).toMatchObject({
      rows: 300,
      keep: false,
    });
    expect(parseBenchArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--rows', '0'], '--rows expects a whole number from 1 to 1000000, found "0"'],
    [['--rows', '2e4'], '--rows expects a whole number from 1 to 1000000, found "2e4"'],
    [['--iterations=-1'], '--iterations expects a whole number from 1 to 50, found "-1"'],
    [['--iterations', '51'], '--iterations expects a whole number from 1 to 50, found "51"'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(new BenchUsageError(message));
  });

  it('refuses unknown options and stray arguments with a usage error', () => {
    expect(() => parseBenchArgs(['--rowz', '5'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['20000'])).toThrow(BenchUsageError);
  });
});

describe('npm run bench: its pages and its file count', () => {
  const snapshot = readFileSync(new URL('../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');

  it('the changed page raises exactly the picked rows by one euro and leaves everything else', () => {
    const base = eusaAmif2021.extract(syntheticPage(snapshot, 120)).drafts;
    const bumped = eusaAmif2021.extract(syntheticPage(snapshot, 120, 2021, (i) => i % 100 === 41)).drafts;
    expect(bumped.map((d) => d.id)).toEqual(base.map((d) => d.id));
    const differing = base.flatMap((d, i) => (JSON.stringify(d) === JSON.stringify(bumped[i]) ? [] : [i]));
    expect(differing).toEqual([41]);
    expect(Math.round((bumped[41]!.euFundingEur! - base[41]!.euFundingEur!) * 100)).toBe(100);
  });

  it('counts new and rewritten files, not the ones left alone', () => {
    const before = new Map([
      ['v1/status.json', '1:100:20'],
      ['index.html', '2:100:50'],
    ]);
    const after = new Map([
      ['v1/status.json', '3:200:21'],
      ['index.html', '2:100:50'],
      ['v1/projects/a.json', '4:200:9'],
    ]);
    expect(writtenBetween(before, after)).toEqual(['v1/projects/a.json', 'v1/status.json']);
  });
});
