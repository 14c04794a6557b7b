import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { capLongTexts } from '../../../functions/core/guards/cap-long-texts';
import { findMassChanges } from '../../../functions/core/guards/mass-change';
import type { ProjectVersion } from '../../../functions/core/model/history';
import type { ProjectRecord } from '../../../functions/core/model/project';
import { draft } from '../../helpers/drafts';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('capLongTexts', () => {
  it('leaves a draft within the limit as it is (the same object)', () => {
    const d = draft('Kotona Suomessa');
    expect(capLongTexts(d, 100)).toBe(d);
  });

  it('cuts each long text, Migri texts and the beneficiary name included, with one flag per field', () => {
    const long = 'ä'.repeat(30);
    const d = draft('Koti', {
      summary: long,
      beneficiary: { id: 'x', name: long },
      migri: {
        url: 'https://migri.fi/hanke',
        title: 'T',
        schedule: null,
        description: long,
        goals: 'lyhyt',
        matchedBy: 'name',
      },
    });
    const capped = capLongTexts(d, 10);
    expect(capped.summary).toBe('ä'.repeat(10));
    expect(capped.beneficiary).toEqual({ id: 'x', name: 'ä'.repeat(10) });
    expect(capped.migri).toMatchObject({ description: 'ä'.repeat(10), goals: 'lyhyt', schedule: null });
    expect(capped.quality.map((q) => [q.field, q.raw])).toEqual([
      ['summary', sha(long)],
      ['beneficiary.name', sha(long)],
      ['migri.description', sha(long)],
    ]);
  });

  it('never splits a surrogate pair', () => {
    const d = draft('Koti', { summary: `${'a'.repeat(9)}😀${'b'.repeat(5)}` });
    expect(capLongTexts(d, 10).summary).toBe('a'.repeat(9));
  });
});

describe('findMassChanges', () => {
  const records = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        ({
          id: `p${i}`,
          status: 'listed',
          sources: [{ id: 'list', url: 'https://x.fi' }],
        }) as unknown as ProjectRecord,
    );
  const changed = (ids: number[], field: string) =>
    ids.map(
      (i) =>
        ({
          id: `p${i}`,
          kind: 'changed',
          fields: [{ field, old: 1, new: 100 }],
          record: records(1)[0],
        }) as unknown as ProjectVersion,
    );

  it('finds a field changed in more than the share of the projects compared, naming its source', () => {
    expect(findMassChanges(records(10), changed([0, 1, 2, 3, 4, 5], 'euFundingEur'), 0.5, 10)).toEqual([
      { field: 'euFundingEur', changed: 6, compared: 10, sources: ['list'] },
    ]);
  });

  it('lets through half, fields the guard does not watch, and runs with fewer projects than the minimum', () => {
    expect(findMassChanges(records(10), changed([0, 1, 2, 3, 4], 'euFundingEur'), 0.5, 10)).toEqual([]);
    expect(findMassChanges(records(10), changed([0, 1, 2, 3, 4, 5, 6], 'quality'), 0.5, 10)).toEqual([]);
    expect(findMassChanges(records(9), changed([0, 1, 2, 3, 4, 5, 6, 7, 8], 'startDate'), 0.5, 10)).toEqual(
      [],
    );
  });
});
