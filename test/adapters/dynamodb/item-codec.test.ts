import { describe, expect, it } from 'vitest';
import { RUN_WARNING_CHARS_KEPT, runItem } from '../../../functions/adapters/dynamodb/item-codec';
import { approximateItemSize, DYNAMODB_MAX_ITEM_BYTES } from '../../../functions/adapters/dynamodb-item-size';
import type { RunReport } from '../../../functions/core/model/run-report';

/** A 20 000-row page once gave 20 warnings of up to 290 000 characters: a run item of 443 720 bytes that could not be committed. */
function reportWith(warnings: string[]): RunReport {
  return {
    runId: 'run-20261122T040000Z',
    startedAt: '2026-11-22T04:00:00Z',
    status: 'published',
    counts: { total: 20034, new: 20034, changed: 0, removed: 0, reinstated: 0, unchanged: 0 },
    sources: [
      {
        id: 'intermin-press-2023-04-12-sv',
        url: 'https://soteuudistus.fi/sv/-/1410869/x',
        status: 'ok',
        records: 13,
        pageUpdated: null,
        sha256: null,
        warnings,
      },
    ],
    warnings,
    published: [],
  };
}

describe('the run item', () => {
  it('keeps the first 20 warnings, each cut to its first characters, and stays within the item limit', () => {
    const long = `note: ${'x'.repeat(290_000)}`;
    const warnings = [long, ...Array.from({ length: 24 }, (_, i) => `warning ${i + 1}`)];
    const item = runItem(reportWith(warnings));
    const kept = item.warnings as string[];
    expect(kept).toHaveLength(20);
    expect(item.warningCount).toBe(25);
    expect(kept[0]).toBe(`${long.slice(0, RUN_WARNING_CHARS_KEPT)}… (288006 more characters in status.json)`);
    expect(kept[1]).toBe('warning 1');
    expect(approximateItemSize(item)).toBeLessThan(DYNAMODB_MAX_ITEM_BYTES);
  });

  it('keeps short warnings as they are', () => {
    const item = runItem(reportWith(['a', 'b']));
    expect(item.warnings).toEqual(['a', 'b']);
    expect((item.sources as { warnings: string[] }[])[0]!.warnings).toEqual(['a', 'b']);
  });
});
