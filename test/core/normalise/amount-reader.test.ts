/**
 * The amount reader: every form the real releases use (test/core/sources/real-releases.test.ts reads
 * them in their pages), and properties: it never throws, and finds each form in any surrounding text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountAgrees, readAmounts } from '../../../functions/core/normalise/amount-reader';

const read = (text: string) => readAmounts(text).map((a) => [a.eur, a.approximate, a.precisionEur, a.form]);

describe('Normalise: readAmounts on the forms of the real releases', () => {
  it.each([
    ['Puheesta tekstiksi- hankkeessa (EU-rahoitus 113 778 euroa) tehdään', [113_778, false, 1, 'bracket']],
    ['VAU! … hankkeen (EU-rahoitusosuus 222 027 €) tavoitteena', [222_027, false, 1, 'bracket']],
    ['VAU! Fart på karriären (EU-finansiering 222 027 €) har som mål', [222_027, false, 1, 'bracket']],
    ['I projektet KOTU … (212 429 euro EU-finansiering).', [212_429, false, 1, 'bracket']],
    ['Turun seudulla (331 650 €) – hankkeen', [331_650, false, 1, 'bracket']],
    ['(EUR 212,429)', [212_429, false, 1, 'bracket']],
    [
      'Maahanmuuttovirastolle (Migri) myönnettiin n. 2,2 miljoonaa euroa operatiivista tukea',
      [2_200_000, true, 100_000, 'prose'],
    ],
    ['AMIF-rahastosta tuetaan n. 382 000 eurolla Migrin', [382_000, true, 1_000, 'prose']],
    ['Migrationsverket beviljades cirka 2,2 miljoner euro i driftsstöd', [2_200_000, true, 100_000, 'prose']],
    ['lähes 6 miljoonaa euroa avustusta', [6_000_000, true, 1_000_000, 'prose']],
    ['Myönnetty EU-avustus: 2 200 120,80 euroa', [2_200_120.8, false, 0.01, 'label']],
    [
      'Maahanmuuttovirasto, 01.02.2021 - 31.12.2022, EU-tuen määrä: 330 776 euroa.',
      [330_776, false, 1, 'label'],
    ],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });

  it('reads no dates, periods, counts or years as amounts', () => {
    expect(
      read('Ajankohta: 1.1.2023-31.12.2025, ohjelmakaudella 2021-2027, 17 projekt, 35 hakemusta'),
    ).toEqual([]);
  });

  it('judges agreement within the stated precision: a rounded figure is never a mismatch', () => {
    expect(amountAgrees(2_200_120.8, { eur: 2_200_000, approximate: true, precisionEur: 100_000 })).toBe(
      true,
    );
    expect(amountAgrees(2_260_000, { eur: 2_200_000, approximate: true, precisionEur: 100_000 })).toBe(false);
    expect(amountAgrees(381_982.36, { eur: 382_000, approximate: true, precisionEur: 1_000 })).toBe(true);
    expect(amountAgrees(308_620.69, { eur: 308_620 })).toBe(true);
    expect(amountAgrees(337_517.94, { eur: 338_228 })).toBe(false);
    expect(amountAgrees(null, { eur: 1 })).toBe(false);
  });
});

/** Text around an amount: words, punctuation, digits that are not amounts (years, dates). */
const filler = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'hanke',
        'projektet',
        'Migri',
        'sai',
        'tukea',
        'vuonna',
        'ja',
        'för',
        '–',
        ',',
        ';',
        'ry:n',
      ),
      fc.stringMatching(/^[a-zåäö]{1,12}$/),
      fc.integer({ min: 1990, max: 2030 }).map(String),
      fc
        .date({ min: new Date('2014-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`),
    ),
    { maxLength: 8 },
  )
  .map((words) => words.join(' '));

const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** Every form, with the euros it states and whether it rounds. */
const statedAmount = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1_000, max: 99_999_999 }),
      fc.constantFrom(' ', '\u00a0'),
      fc.constantFrom('EU-rahoitus ', 'EU-rahoitusosuus ', 'EU-finansiering ', ''),
      fc.constantFrom('euroa', '€', 'euro'),
    )
    .map(([eur, sep, label, unit]) => ({
      text: `(${label}${group(eur, sep)} ${unit})`,
      eur,
      approximate: false,
    })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 999 }),
      fc.constantFrom('n.', 'noin', 'cirka', 'lähes'),
      fc.constantFrom('eurolla', 'euroa', 'euro'),
    )
    .map(([thousands, approx, unit]) => ({
      text: `${approx} ${group(thousands * 1000, ' ')} ${unit}`,
      eur: thousands * 1000,
      approximate: true,
    })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 99 }),
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom('miljoonaa euroa', 'miljoner euro'),
    )
    .map(([whole, tenth, unit]) => ({
      text: `n. ${whole},${tenth} ${unit}`,
      eur: whole * 1_000_000 + tenth * 100_000,
      approximate: true,
    })),
  fc
    .tuple(fc.integer({ min: 1_000, max: 9_999_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([eur, cents]) => ({
      text: `Myönnetty EU-avustus: ${group(eur, ' ')},${String(cents).padStart(2, '0')} euroa`,
      eur: eur + cents / 100,
      approximate: false,
    })),
);

describe('Normalise: readAmounts properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.constantFrom(...'0123456789 .,()-–€neuroaEURmiljonaä:'.split('')) }),
        (a, b) => {
          expect(Array.isArray(readAmounts(a))).toBe(true);
          expect(Array.isArray(readAmounts(b))).toBe(true);
        },
      ),
    );
  });

  it('reads every form in random surrounding text, exactly once, with its value and approximation', () => {
    fc.assert(
      fc.property(filler, statedAmount, filler, (before, stated, after) => {
        const text = `${before} ${stated.text} ${after}`;
        const found = readAmounts(text);
        expect(found).toHaveLength(1);
        expect(found[0]!.eur).toBe(stated.eur);
        expect(found[0]!.approximate).toBe(stated.approximate);
        expect(text.slice(found[0]!.index, found[0]!.end)).toBe(found[0]!.raw);
      }),
      { numRuns: 500 },
    );
  });
});
