import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import type { ProjectDraft } from '../../../functions/core/model/project';
import { BUILT_IN_SOURCES } from '../../../functions/core/sources/built-in-sources';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';

const SEED = readFileSync(new URL('../../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');
const ORIGINAL = eusaAmif2021.extract(SEED).drafts;
const HEADERS = SEED.match(/<th scope="col">[\s\S]*?<\/th>/g)!;
const BODY_START = SEED.indexOf('<tbody>\n') + '<tbody>\n'.length;
const BODY_END = SEED.indexOf('</tbody>');
const ROWS = SEED.slice(BODY_START, BODY_END).match(/<tr>[\s\S]*?<\/tr>\n/g)!;

const totalCents = (drafts: readonly ProjectDraft[]) =>
  drafts.reduce((sum, d) => sum + Math.round((d.euFundingEur ?? 0) * 100), 0);

/** The seed with its rows replaced. */
const withRows = (rows: readonly string[]) =>
  SEED.slice(0, BODY_START) + rows.join('') + SEED.slice(BODY_END);

/** The seed with one more column before "EU-rahoitus (euroa)": a header and a cell in every row. */
function withDecoyColumn(header: string, cell: string): string {
  const decoy = `<th scope="col"><button type="button" class="sort-button">${header}</button></th>\n`;
  const head = SEED.slice(0, BODY_START).replace(HEADERS[4]!, `${decoy}${HEADERS[4]}`);
  const rows = ROWS.map((row) => {
    const cells = row.split('</td>\n');
    cells.splice(4, 0, `<td>${cell}`);
    return cells.join('</td>\n');
  });
  return head + rows.join('') + SEED.slice(BODY_END);
}

const refusal = (html: string): string => {
  try {
    eusaAmif2021.extract(html);
  } catch (error) {
    expect(error).toBeInstanceOf(PageLayoutError);
    return (error as Error).message;
  }
  throw new Error('expected the page to be refused');
};

describe('Page guards: a damaged copy of the 2021–2027 table is refused or read right', () => {
  it('reads the seed as 47 projects worth 26 057 656,23 € (the baseline of every case below)', () => {
    expect(ORIGINAL).toHaveLength(47);
    expect(totalCents(ORIGINAL)).toBe(2_605_765_623);
    expect(ROWS).toHaveLength(47);
    expect(HEADERS).toHaveLength(7);
  });

  it('refuses a second column whose header also starts with "EU-rahoitus", naming both headers', () => {
    // Before the guard the decoy's "1" won (first match) and all 47 amounts became 1 €.
    const message = refusal(withDecoyColumn('EU-rahoitus yhteensä', '1'));
    expect(message).toBe(
      'eusa-amif-2021: page layout changed: expected one header per column, each read by its text, found two headers for the amount column: "EU-rahoitus yhteensä" (column 5) and "EU-rahoitus (euroa)" (column 6); which one holds the amount cannot be told',
    );
  });

  it('still reads a table with an extra column that maps to nothing', () => {
    const output = eusaAmif2021.extract(withDecoyColumn('Hankkeen verkkosivu', 'https://example.org'));
    expect(output.drafts).toEqual(ORIGINAL);
  });

  it('refuses the page cut off at 85 % (mid-row), naming what was never closed', () => {
    // Before the guard: 6 false removals and a "new award" for a record with no fields.
    const cut = SEED.slice(0, Math.floor(SEED.length * 0.85));
    expect(refusal(cut)).toBe(
      'eusa-amif-2021: page layout changed: expected a complete page that closes every <table>, <ul>, <ol>, <main>, <article> it opens, found <main> of line 44, <article> of line 45, <table> of line 49 never closed (the page looks cut off)',
    );
  });

  it('refuses a page whose table is complete but whose "Lista on päivitetty" line is missing', () => {
    const html = SEED.replace('<li>Lista on päivitetty 5.3.2024</li>\n', '');
    expect(refusal(html)).toBe(
      'eusa-amif-2021: page layout changed: expected the line "Lista on päivitetty D.M.YYYY" after the table, which the page always has, found no such line after the table (the page looks cut off)',
    );
  });

  it('does not take a "Lista on päivitetty" inside the table for the line after it', () => {
    const html = SEED.replace('<li>Lista on päivitetty 5.3.2024</li>\n', '').replace(
      '<td>1.4.2024</td>',
      '<td>Lista on päivitetty 1.4.2024</td>',
    );
    expect(refusal(html)).toMatch(/expected the line "Lista on päivitetty D.M.YYYY" after the table/);
  });

  it('reads a row listed twice as one project, with a warning naming both rows', () => {
    // Before: 48 records and a total 635 626,61 € too high.
    const output = eusaAmif2021.extract(withRows([...ROWS.slice(0, 10), ROWS[3]!, ...ROWS.slice(10)]));
    expect(output.drafts).toEqual(ORIGINAL);
    expect(totalCents(output.drafts)).toBe(2_605_765_623);
    expect(output.warnings).toEqual([
      'eusa-amif-2021: table row 11 repeats row 4 ("KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä") cell for cell; it was read once',
    ]);
  });

  it('keeps two rows that share a name but differ in a cell (not a duplicate)', () => {
    const changed = ROWS[3]!.replace(/<td>(\d[\d ,]*)<\/td>/, '<td>1000,00</td>');
    expect(changed).not.toBe(ROWS[3]);
    const output = eusaAmif2021.extract(withRows([...ROWS, changed]));
    expect(output.drafts).toHaveLength(48);
    expect(output.warnings).toEqual([]);
  });
});

describe('Page guards: headers that stand over other columns', () => {
  it('refuses a table whose start-date and summary headers are swapped (found by the property below)', () => {
    const start = HEADERS.findIndex((h) => h.includes('alkamisp'));
    const summary = HEADERS.findIndex((h) => h.includes('Tavoite ja tulokset'));
    const swapped = [...HEADERS];
    swapped[start] = HEADERS[summary]!;
    swapped[summary] = HEADERS[start]!;
    expect(() => eusaAmif2021.extract(SEED.replace(HEADERS.join('\n'), swapped.join('\n')))).toThrow(
      'eusa-amif-2021: page layout changed: expected the column read as startDate to hold dates, found 47 of 47 rows unreadable as dates (e.g. "Operatiivisen tuen avulla on tarkoitus varmistaa ja ylläpitä"); the headers may not match their columns',
    );
  });

  it('refuses a table with a header more than its rows have cells (found by the property below)', () => {
    const header = '<th scope="col"><button type="button" class="sort-button">Lisätietoja</button></th>';
    const extra = HEADERS.join('\n').replace(HEADERS[4]!, `${header}\n${HEADERS[4]!}`);
    expect(() => eusaAmif2021.extract(SEED.replace(HEADERS.join('\n'), extra))).toThrow(
      'eusa-amif-2021: page layout changed: expected 8 cells in every row, one under each header, found 7 in table row 1',
    );
  });
});

/** Random damage of the kinds a broken CMS, a proxy or an attacker produce. */
type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-header'; column: number; at: number }
  | { kind: 'rename-header'; column: number; to: string }
  | { kind: 'duplicate-rows'; rows: number[] }
  | { kind: 'nest'; depth: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('duplicate-header' as const),
    column: fc.nat(6),
    at: fc.nat(7),
  }),
  fc.record({
    kind: fc.constant('rename-header' as const),
    column: fc.nat(6),
    to: fc.constantFrom(
      'Hankkeen nimi',
      'Avustuksen saaja',
      'Erityistavoite',
      'Tavoite ja tulokset',
      'EU-rahoitus (euroa)',
      'EU rahoitus yhteensä',
      'Alkamispäivä',
      'Päättymispäivä',
      'Hankkeen kuvaus',
      '',
    ),
  }),
  fc.record({ kind: fc.constant('duplicate-rows' as const), rows: fc.array(fc.nat(46), { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 400 }) }),
);

/** Applies one damage to a page (the seed or an already damaged copy). */
function damaged(html: string, d: Damage): string {
  switch (d.kind) {
    case 'truncate':
      return html.slice(0, Math.floor(html.length * d.at));
    case 'duplicate-header': {
      const headers = [...HEADERS];
      headers.splice(d.at, 0, HEADERS[d.column]!);
      return html.replace(HEADERS.join('\n'), headers.join('\n'));
    }
    case 'rename-header': {
      const renamed = `<th scope="col"><button type="button" class="sort-button">${d.to}</button></th>`;
      return html.replace(HEADERS[d.column]!, renamed);
    }
    case 'duplicate-rows':
      return html.replace('</tbody>', `${d.rows.map((i) => ROWS[i]!).join('')}</tbody>`);
    case 'nest':
      return html
        .replace('<div class="table-wrapper">', `${'<div>'.repeat(d.depth)}<div class="table-wrapper">`)
        .replace('</table>\n</div>', `</table>\n</div>${'</div>'.repeat(d.depth)}`);
  }
}

/**
 * Two columns relabelled with each other's headers make a self-consistent page: where both hold
 * text (name and beneficiary, say) no page-level check can tell, and the run's mass-change guard is
 * what refuses it. So a case relabels at most one column; swaps are the case above.
 */
const oneOwnRelabel = (damages: readonly Damage[]) =>
  damages.filter((d) => d.kind === 'rename-header').length <= 1;

describe('Page guards: property', () => {
  it('random damage yields the right projects or a refusal, never silently wrong ones', () => {
    const outcomes = { read: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }).filter(oneOwnRelabel), (damages) => {
        const html = damages.reduce(damaged, SEED);
        let drafts: readonly ProjectDraft[];
        try {
          drafts = eusaAmif2021.extract(html).drafts;
        } catch (error) {
          expect(error).toBeInstanceOf(PageLayoutError);
          outcomes.refused++;
          return;
        }
        expect(drafts).toEqual(ORIGINAL);
        outcomes.read++;
      }),
      { numRuns: 60 },
    );
    // Both outcomes happen, so neither branch above is vacuous.
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('Parser budget: hostile nesting is refused before the parser sees it', () => {
  for (const depth of [10_000, 100_000]) {
    it(`every source refuses ${depth} nested <div> in well under a second, without a stack overflow`, () => {
      const html = `<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`;
      for (const source of BUILT_IN_SOURCES) {
        const started = performance.now();
        expect(() => source.extract(html)).toThrow(
          `${source.id}: page layout changed: expected elements nested at most 256 deep, found deeper nesting from line 1 (a hostile or broken page; it was not parsed)`,
        );
        expect(performance.now() - started).toBeLessThan(1_000);
      }
    });
  }

  it('reads the seed nested 200 deep as the same 47 projects', () => {
    expect(eusaAmif2021.extract(damaged(SEED, { kind: 'nest', depth: 200 })).drafts).toEqual(ORIGINAL);
  });
});
