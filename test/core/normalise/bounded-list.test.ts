import { describe, expect, it } from 'vitest';
import { boundedList } from '../../../functions/core/normalise/bounded-list';

describe('boundedList', () => {
  it('lists every item up to the bound, as a plain join', () => {
    expect(boundedList(['Paluu', 'Rinnakkain', 'Kotona'], '; ')).toBe('Paluu; Rinnakkain; Kotona');
    expect(boundedList([], ', ')).toBe('');
  });

  it('cuts a longer list after the bound and says how many were left out', () => {
    const names = Array.from({ length: 425 }, (_, i) => `hanke ${i + 1}`);
    expect(boundedList(names, '; ', 3)).toBe('hanke 1; hanke 2; hanke 3; … and 422 more');
    // The bound is 20: the real releases' longest list, 11 Migri projects, is shown whole.
    expect(boundedList(names.slice(0, 11), ', ')).toBe(names.slice(0, 11).join(', '));
    expect(boundedList(names.slice(0, 21), ', ')).toBe(`${names.slice(0, 20).join(', ')}, … and 1 more`);
  });
});
