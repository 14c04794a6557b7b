import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cumulativeByMonth,
  fundingByObjective,
  fundingByStartYear,
  niceStep,
  type PeriodRow,
  projectPeriods,
  timelineBars,
  topBeneficiaries,
  truncate,
  yearActivity,
} from '../../../../functions/core/render/site/charts';
import { renderSite } from '../../../../functions/core/render/site/render-site';
import { contextFor, SEED_2021, seedRecords } from '../../../helpers/site-fixture';

/**
 * The 2021 table's sums per specific objective, read straight from the snapshot's cells with
 * integer arithmetic: independent of the pipeline's parser and normalisers.
 */
function seedSumsByObjective(): Map<string, { count: number; cents: number }> {
  const $ = cheerio.load(readFileSync(SEED_2021, 'utf8'));
  const sums = new Map<string, { count: number; cents: number }>();
  $('table tbody tr').each((_, row) => {
    const cells = $(row).children('td');
    const code = $(cells[2]).text().trim().charAt(0);
    const match = /^(\d+)(?:,(\d{1,2}))?$/.exec($(cells[4]).text().replace(/\s/g, ''));
    if (!match) throw new Error(`unexpected amount "${$(cells[4]).text()}"`);
    const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    const entry = sums.get(code) ?? { count: 0, cents: 0 };
    sums.set(code, { count: entry.count + 1, cents: entry.cents + cents });
  });
  return sums;
}

describe('chart numbers over the 2021–2027 snapshot', () => {
  const records = seedRecords();
  const expected = seedSumsByObjective();

  it('sums EU funding per specific objective exactly to the cent', () => {
    const buckets = fundingByObjective(records);
    expect(buckets.map((b) => b.key)).toEqual(['1', '2', '3']);
    for (const b of buckets) {
      expect(b.cents, `SO${b.key}`).toBe(expected.get(b.key)!.cents);
      expect(b.count, `SO${b.key}`).toBe(expected.get(b.key)!.count);
    }
    expect(buckets.find((b) => b.key === '3')!.count).toBe(4);
    // The seed README states the table's total: 26 057 656,23 €.
    expect(buckets.reduce((s, b) => s + b.cents, 0)).toBe(2_605_765_623);
  });

  it('publishes the same sums in the table behind the chart', () => {
    const index = renderSite(contextFor(records)).find((f) => f.key === 'index.html')!;
    const $ = cheerio.load(String(index.body));
    for (const [code, sum] of expected) {
      expect($(`#chart-so-h ~ details tr[data-so="${code}"] td[data-cents]`).attr('data-cents')).toBe(
        String(sum.cents),
      );
    }
  });

  it('sums by start year, with every year in between', () => {
    const years = fundingByStartYear(records);
    expect(years.map((y) => y.key)).toEqual(['2022', '2023', '2024', '2025', '2026']);
    expect(years.find((y) => y.key === '2025')).toEqual({ key: '2025', count: 0, cents: 0 });
    expect(years.reduce((s, y) => s + y.cents, 0)).toBe(2_605_765_623);
    expect(years.reduce((s, y) => s + y.count, 0)).toBe(records.length);
  });

  it('ranks beneficiaries by their canonical id, spelling variants merged', () => {
    const top = topBeneficiaries(records, 10);
    expect(top).toHaveLength(10);
    expect(top[0]!.name).toBe('Maahanmuuttovirasto');
    const migri = records.filter((r) => r.beneficiary.id === top[0]!.key);
    expect(top[0]!.cents).toBe(migri.reduce((s, r) => s + Math.round(r.euFundingEur! * 100), 0));
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.cents).toBeGreaterThanOrEqual(top[i]!.cents);
    const save = top.find((b) => /pelastakaa lapset/i.test(b.name));
    expect(save?.count).toBe(2);
  });

  it('accumulates awards by start month up to the total', () => {
    const months = cumulativeByMonth(records);
    expect(months.at(-1)!.cumulativeCents).toBe(2_605_765_623);
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
  });

  it('lays out project periods and yearly activity', () => {
    const periods = projectPeriods(records);
    expect(periods).toHaveLength(records.length);
    const activity = yearActivity(periods);
    expect(activity.reduce((s, a) => s + a.starting, 0)).toBe(records.length);
    expect(activity.reduce((s, a) => s + a.ending, 0)).toBe(records.length);
  });

  it('leaves removed projects out of the charts', () => {
    const [first, ...rest] = records;
    const removed = { ...first!, status: 'removed' as const, removedAt: '2026-11-22T04:00:00Z' };
    const sum = fundingByObjective([removed, ...rest]).reduce((s, b) => s + b.cents, 0);
    expect(sum).toBe(2_605_765_623 - Math.round(first!.euFundingEur! * 100));
  });

  it('picks round axis steps', () => {
    expect(niceStep(0.7e9)).toBe(1e9);
    expect(niceStep(6.5e8)).toBe(1e9);
    expect(niceStep(2.2e8)).toBe(2.5e8);
    expect(niceStep(0)).toBe(1);
  });
});

describe('timelineBars', () => {
  const period = (i: number, so: '1' | '2' | '3'): PeriodRow => ({
    id: `p${i}`,
    name: `P ${i}`,
    start: `2022-01-${String((i % 28) + 1).padStart(2, '0')}`,
    end: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`,
    so,
  });

  it('draws one bar per project up to the limit, the very same rows', () => {
    const periods = Array.from({ length: 500 }, (_, i) => period(i, '1'));
    expect(timelineBars(periods)).toBe(periods);
  });

  it('beyond it, one bar per run of consecutive projects: first start, last end, commonest objective', () => {
    const periods = Array.from({ length: 1200 }, (_, i) => period(i, i % 3 === 0 ? '2' : '3'));
    const bars = timelineBars(periods);
    expect(bars).toHaveLength(400);
    expect(bars[0]).toEqual({ id: 'p0', name: 'P 0', start: '2022-01-01', end: '2024-03-01', so: '3' });
    expect(bars[399]).toEqual({
      id: 'p1197',
      name: 'P 1197',
      start: '2022-01-22',
      end: '2024-12-01',
      so: '3',
    });
  });
});

describe('truncate', () => {
  // The definition: count code points, keep max - 1 of them and an ellipsis when there are more.
  const reference = (text: string, max: number) => {
    const chars = [...text];
    return chars.length <= max
      ? text
      : `${chars
          .slice(0, max - 1)
          .join('')
          .trimEnd()}\u2026`;
  };

  it('cuts by code points, as the definition does, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          expect(truncate(text, max)).toBe(reference(text, max));
        },
      ),
      { numRuns: 2000 },
    );
    expect(truncate('Äänestäjä 😀😀😀 loppu', 12)).toBe('Äänestäjä 😀…');
  });
});
