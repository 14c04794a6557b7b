import { describe, expect, it } from 'vitest';
import { feedConfigSchema } from '../../../functions/core/feed-config';
import type { ProjectRecord } from '../../../functions/core/model/project';
import { EXCEL_CSV_KEY, renderExcelCsv } from '../../../functions/core/render/excel-csv';
import { PROJECT_COLUMNS } from '../../../functions/core/render/project-columns';
import { renderProjectsCsv } from '../../../functions/core/render/projects-csv';
import type { RenderContext } from '../../../functions/core/render/render-context';
import { DEFAULT_RENDERERS } from '../../../functions/core/render/render-dataset';
import { readCsv } from '../../helpers/doubles';
import { record as baseRecord } from '../../helpers/records';
import { renderContext } from '../../helpers/render-context';

const AT = '2026-11-22T04:00:00Z';
const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' });

/** The factory's record with this file's id, amount and first-seen time. */
function record(overrides: Partial<ProjectRecord>): ProjectRecord {
  return baseRecord({
    id: 'amif21-kotona',
    euFundingEur: 1_153_584.12,
    firstSeenAt: AT,
    lastChangedAt: AT,
    ...overrides,
  });
}

const RECORDS = [
  record({}),
  record({
    id: 'amif21-semi',
    name: 'Nimi; jossa puolipiste ja "lainaus"',
    summary: 'Ensimmäinen kappale.\n\nToinen kappale; rivinvaihdolla.',
    euFundingEur: 78_438,
    announcements: [
      { date: '2023-04-12', url: 'https://intermin.fi/-/a', lang: 'sv', amountEur: 250_000.5 },
      { date: '2023-05-02', url: 'https://intermin.fi/-/b', lang: 'fi', amountEur: null },
    ],
  }),
  record({ id: 'amif21-formula', name: '=HYPERLINK("https://evil.example","x")', euFundingEur: null }),
  record({
    id: 'amif21-at',
    name: '@SUM(A1)',
    beneficiary: { id: 'plus', name: '+358 40 123' },
    summary: '-2+3',
    euFundingEur: 0.05,
  }),
];

function ctxOf(records: readonly ProjectRecord[]): RenderContext {
  return renderContext(records, { publicBaseUrl: config.publicBaseUrl, at: AT });
}

describe('v1/projects.excel.csv: UTF-8 with BOM, semicolons, decimal commas', () => {
  const [file] = renderExcelCsv(ctxOf(RECORDS));
  const bytes = Buffer.from(file!.body as string, 'utf8');
  const text = bytes.toString('utf8');
  const rows = readCsv(text.slice(1), ';');
  const column = (name: string) => PROJECT_COLUMNS.findIndex((c) => c.name === name);

  it('is a latest file among the default renderers, served as UTF-8 CSV', () => {
    expect(DEFAULT_RENDERERS).toContain(renderExcelCsv);
    expect(file).toMatchObject({
      key: EXCEL_CSV_KEY,
      contentType: 'text/csv; charset=utf-8',
      cacheControl: 'public, max-age=300, must-revalidate',
      stage: 'latest',
    });
  });

  it('starts with the UTF-8 byte order mark, which projects.csv does not have', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(renderProjectsCsv(RECORDS).charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toContain('Ensimmäinen kappale');
  });

  it('separates cells with semicolons and records with CRLF: a header and one row per project', () => {
    expect(rows).toHaveLength(RECORDS.length + 1);
    expect(rows[0]).toEqual(PROJECT_COLUMNS.map((c) => c.name));
    for (const row of rows) expect(row).toHaveLength(PROJECT_COLUMNS.length);
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(PROJECT_COLUMNS.map((c) => c.name).join(';'));
    const semi = rows.find((r) => r[0] === 'amif21-semi')!;
    expect(semi[column('name')]).toBe('Nimi; jossa puolipiste ja "lainaus"');
    expect(semi[column('summary')]).toBe('Ensimmäinen kappale.\n\nToinen kappale; rivinvaihdolla.');
  });

  it('writes amounts with a decimal comma and dates as ISO 8601', () => {
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get('amif21-kotona')![column('eu_funding_eur')]).toBe('1153584,12');
    expect(byId.get('amif21-semi')![column('eu_funding_eur')]).toBe('78438,00');
    expect(byId.get('amif21-semi')![column('announced_amounts_eur')]).toBe('250000,50 | ');
    expect(byId.get('amif21-at')![column('eu_funding_eur')]).toBe('0,05');
    expect(byId.get('amif21-formula')![column('eu_funding_eur')]).toBe('');
    expect(byId.get('amif21-kotona')![column('start_date')]).toBe('2024-01-01');
    expect(byId.get('amif21-kotona')![column('first_seen_at')]).toBe(AT);
    expect(byId.get('amif21-kotona')![column('version')]).toBe('1');
    // Same values as projects.csv, only the decimal separator differs.
    const plain = readCsv(renderProjectsCsv(RECORDS), ',');
    expect(plain[1]![column('eu_funding_eur')]).toBe('1153584.12');
    expect(plain.map((r) => r.map((c) => c.replace(/(\d),(\d{2})\b/g, '$1.$2')))).toEqual(
      rows.map((r) => r.map((c) => c.replace(/(\d),(\d{2})\b/g, '$1.$2'))),
    );
  });

  it('neutralises cells a spreadsheet would run as formulas, in both CSV files', () => {
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get('amif21-formula')![column('name')]).toBe(`'=HYPERLINK("https://evil.example","x")`);
    expect(byId.get('amif21-at')![column('name')]).toBe("'@SUM(A1)");
    expect(byId.get('amif21-at')![column('beneficiary_name')]).toBe("'+358 40 123");
    expect(byId.get('amif21-at')![column('summary')]).toBe("'-2+3");
    const plain = readCsv(renderProjectsCsv(RECORDS), ',');
    const formula = plain.find((r) => r[0] === 'amif21-formula')!;
    expect(formula[column('name')]).toBe(`'=HYPERLINK("https://evil.example","x")`);
    for (const row of [...rows, ...plain]) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
