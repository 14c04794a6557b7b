import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ProjectRecord } from '../../../functions/core/model/project';
import { PROJECT_COLUMNS } from '../../../functions/core/render/project-columns';
import {
  COLUMNS_SHEET,
  EXCEL_CELL_LIMIT,
  PROJECTS_SHEET,
  renderProjectsXlsx,
} from '../../../functions/core/render/projects-xlsx';
import { AT, seedRecords } from '../../helpers/site-fixture';

/** v1/projects.xlsx, read back with a second library (SheetJS), not the one that wrote it (exceljs). */

const ADERE = 'amif21-9152bcf86a';

let records: ProjectRecord[];
let bytes: Uint8Array;
let book: XLSX.WorkBook;

beforeAll(async () => {
  const hostile: ProjectRecord = {
    ...seedRecords()[0]!,
    id: 'amif21-hostile',
    name: '=HYPERLINK("http://evil.example","x")',
    summary: 'x'.repeat(EXCEL_CELL_LIMIT + 10),
    euFundingEur: null,
    startDate: null,
  };
  records = [...seedRecords(), hostile];
  bytes = await renderProjectsXlsx(records, AT);
  book = XLSX.read(bytes, { type: 'array', cellDates: true, cellFormula: true, cellNF: true });
});

const sheet = () => book.Sheets[PROJECTS_SHEET]!;
const cell = (column: string, row: number) => {
  const c = PROJECT_COLUMNS.findIndex((col) => col.name === column);
  return sheet()[XLSX.utils.encode_cell({ c, r: row })] as XLSX.CellObject | undefined;
};
const rowOf = (id: string) => records.findIndex((r) => r.id === id) + 1;

describe('projects.xlsx', () => {
  it('has the projects sheet with every column in CSV order, one row per project, and a columns sheet', () => {
    expect(book.SheetNames).toEqual([PROJECTS_SHEET, COLUMNS_SHEET]);
    const header = XLSX.utils.sheet_to_json<string[]>(sheet(), { header: 1 })[0];
    expect(header).toEqual(PROJECT_COLUMNS.map((c) => c.name));
    expect(XLSX.utils.decode_range(sheet()['!ref']!).e.r).toBe(records.length);
  });

  it('stores amounts and versions as numbers, dates and timestamps as dates, text as text', () => {
    const r = rowOf(ADERE);
    expect(cell('name', r)).toMatchObject({
      t: 's',
      v: 'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
    });
    expect(cell('eu_funding_eur', r)).toMatchObject({ t: 'n', v: 1444708.32 });
    expect(cell('start_date', r)).toMatchObject({ t: 'd', v: new Date('2023-05-01T00:00:00Z') });
    expect(cell('end_date', r)).toMatchObject({ t: 'd', v: new Date('2025-04-30T00:00:00Z') });
    expect(cell('first_seen_at', r)).toMatchObject({ t: 'd', v: new Date(AT) });
    expect(cell('version', r)).toMatchObject({ t: 'n', v: 1 });
    expect(cell('beneficiary_name', r)).toMatchObject({ t: 's', v: 'Maahanmuuttovirasto' });
    // Number formats: an amount shows two decimals, a date as ISO.
    expect(cell('eu_funding_eur', r)?.z).toBe('#,##0.00');
    expect(cell('start_date', r)?.z).toBe('yyyy-mm-dd');
  });

  it('every amount is the record’s, to the cent, for every project', () => {
    records.forEach((rec, i) => {
      const c = cell('eu_funding_eur', i + 1);
      if (rec.euFundingEur === null) expect(c).toBeUndefined();
      else expect(c).toMatchObject({ t: 'n', v: rec.euFundingEur });
    });
  });

  it('keeps formula-like text as text (no formula, no apostrophe) and cuts text Excel cannot hold', () => {
    const r = rowOf('amif21-hostile');
    const name = cell('name', r)!;
    expect(name).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil.example","x")' });
    expect(name.f).toBeUndefined();
    const summary = cell('summary', r)!.v as string;
    expect(summary).toHaveLength(EXCEL_CELL_LIMIT);
    expect(summary.endsWith(' […]')).toBe(true);
    expect(cell('start_date', r)).toBeUndefined();
  });

  it('freezes the header row and filters on it', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(sheet()['!autofilter']).toEqual({ ref: 'A1:AG1' });
  });

  it('describes every column on the columns sheet, from PROJECT_COLUMNS', () => {
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets[COLUMNS_SHEET]!);
    const described = rows.filter((row) => row.column !== 'note');
    expect(described.map((row) => row.column)).toEqual(PROJECT_COLUMNS.map((c) => c.name));
    expect(described.find((row) => row.column === 'eu_funding_eur')).toEqual({
      column: 'eu_funding_eur',
      type: 'number',
      'always filled': 'no',
      meaning: 'EU funding in euros, two decimals',
    });
    expect(described.find((row) => row.column === 'id')?.['always filled']).toBe('yes');
  });

  it('is the same bytes for the same records and time, whatever the clock says', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await renderProjectsXlsx(records, AT);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const later = await renderProjectsXlsx(records, '2026-11-23T04:00:00Z');
    expect(Buffer.from(later).equals(Buffer.from(bytes))).toBe(false);
  });
});
