/**
 * Property tests: the two parsers every source relies on never throw, whatever the page says, and
 * read back every value they are meant to read (format → parse gives the value again).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToEuros, formatEuros } from '../../../functions/core/normalise/amount';
import { MAX_EXACT_CENTS, parseEuroAmount } from '../../../functions/core/normalise/amount-reader';
import { formatFinnishDate, isCalendarDate, parseFinnishDate } from '../../../functions/core/normalise/date';

/** Any text: full Unicode, plus strings built from the characters amounts and dates are made of. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...'0123456789 .,-–€\u00a0\u202feuroaEUR'.split('')) }),
);

/** Cents of any amount the feed can carry exactly: realistic ones, and up to the limit. */
const cents = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000_00 }),
  fc.integer({ min: 0, max: MAX_EXACT_CENTS }),
  fc.constant(MAX_EXACT_CENTS),
);

/** How Finnish pages write an amount: digit groups by (no-break) spaces or dots, comma decimals, a unit. */
function finnishAmount(c: number, group: string, unit: string, decimals: 'none' | 'one' | 'two'): string {
  const whole = String(Math.trunc(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = String(c % 100).padStart(2, '0');
  const tail = decimals === 'two' ? `,${fraction}` : decimals === 'one' ? `,${fraction[0]}` : '';
  return `${whole}${tail}${unit}`;
}

describe('Normalise: parseEuroAmount properties', () => {
  it('never throws and answers ok with safe integer cents or not ok with the raw text', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const result = parseEuroAmount(raw);
        if (result.ok) {
          expect(Number.isSafeInteger(result.cents)).toBe(true);
          expect(result.cents).toBeGreaterThanOrEqual(0);
          expect(result.cents).toBeLessThanOrEqual(MAX_EXACT_CENTS);
        } else expect(result.raw).toBe(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every amount as Finnish pages write it', () => {
    fc.assert(
      fc.property(
        cents,
        fc.constantFrom('', ' ', '\u00a0', '\u202f', '.'),
        fc.constantFrom('', ' €', '\u00a0€', ' euroa', ' euro', ' EUR', '€'),
        (c, group, unit) => {
          expect(parseEuroAmount(finnishAmount(c, group, unit, 'two'))).toEqual({ ok: true, cents: c });
          const tenths = c - (c % 10);
          expect(parseEuroAmount(finnishAmount(tenths, group, unit, 'one'))).toEqual({
            ok: true,
            cents: tenths,
          });
          const whole = c - (c % 100);
          expect(parseEuroAmount(finnishAmount(whole, group, unit, 'none'))).toEqual({
            ok: true,
            cents: whole,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses amounts too large to publish exactly instead of rounding them', () => {
    expect(parseEuroAmount('11 258 999 068 426,24')).toEqual({ ok: true, cents: MAX_EXACT_CENTS });
    expect(parseEuroAmount('11 258 999 068 426,25')).toEqual({ ok: false, raw: '11 258 999 068 426,25' });
    expect(parseEuroAmount('9'.repeat(400))).toEqual({ ok: false, raw: '9'.repeat(400) });
  });

  it('reads back what formatEuros writes, with either decimal separator', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('.' as const, ',' as const), (c, separator) => {
        expect(parseEuroAmount(formatEuros(centsToEuros(c), separator))).toEqual({ ok: true, cents: c });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Normalise: parseFinnishDate properties', () => {
  const calendarDate = fc
    .record({
      year: fc.integer({ min: 1900, max: 2999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(({ year, month, day }) => isCalendarDate(year, month, day));
  const iso = ({ year, month, day }: { year: number; month: number; day: number }) =>
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

  it('never throws and answers an ISO date on the calendar or not ok with the raw text', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const result = parseFinnishDate(raw);
        if (result.ok) {
          const [y, m, d] = result.iso.split('-').map(Number);
          expect(isCalendarDate(y!, m!, d!)).toBe(true);
        } else expect(result.raw).toBe(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every calendar date, as formatFinnishDate writes it and zero-padded', () => {
    fc.assert(
      fc.property(calendarDate, fc.boolean(), fc.constantFrom('', '.', ' '), (date, padded, trailing) => {
        const value = iso(date);
        const pad = (n: number) => (padded ? String(n).padStart(2, '0') : String(n));
        expect(parseFinnishDate(formatFinnishDate(value))).toEqual({ ok: true, iso: value });
        expect(parseFinnishDate(`${pad(date.day)}.${pad(date.month)}.${date.year}${trailing}`)).toEqual({
          ok: true,
          iso: value,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every day that is not on the calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (year, month, day) => {
          fc.pre(!isCalendarDate(year, month, day));
          const raw = `${day}.${month}.${year}`;
          expect(parseFinnishDate(raw)).toEqual({ ok: false, raw });
        },
      ),
    );
  });
});
