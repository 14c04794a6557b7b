import type ExcelJS from 'exceljs';
import type { ProjectRecord } from '../model/project';
import { projectsTableSchema } from './datapackage';
import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from './output-file';
import { PROJECT_COLUMNS, type ProjectColumn } from './project-columns';
import type { RenderContext } from './render-context';
import { stripIllegalXmlChars } from './xml';

/**
 * v1/projects.xlsx: the projects table as a real spreadsheet, written with exceljs. Cells are typed
 * (amounts and versions are numbers, dates and timestamps are dates, everything else text), so no
 * locale can misread an amount and no text needs an apostrophe against formulas: a text cell is
 * never evaluated. The header row is frozen and filterable; a second sheet describes the columns
 * (from PROJECT_COLUMNS, like the CSV files and the Data Package). The bytes depend only on the
 * records and the time given: the workbook's creation time and every zip entry's timestamp are
 * that time.
 */

export const XLSX_KEY = 'v1/projects.xlsx';
export const PROJECTS_SHEET = 'projects';
export const COLUMNS_SHEET = 'columns';

/** Excel refuses a cell longer than this; a longer text is cut, and says so. */
export const EXCEL_CELL_LIMIT = 32_767;
const CUT_MARK = ' […]';

const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const AMOUNT_FORMAT = '#,##0.00';

type Cell = string | number | Date | null;

/** A column's value as a typed cell: the CSV text (dot decimals, ISO dates) read back into its type. */
export function typedCell(column: ProjectColumn, record: ProjectRecord): Cell {
  const text = column.value(record, '.');
  if (text === '') return null;
  switch (column.type) {
    case 'number':
    case 'integer':
      return Number(text);
    case 'date':
      return new Date(`${text}T00:00:00Z`);
    case 'datetime':
      return new Date(text);
    default: {
      // exceljs writes text into the XML as it is: one U+FFFF and no reader opens the workbook.
      const clean = stripIllegalXmlChars(text);
      return clean.length > EXCEL_CELL_LIMIT
        ? clean.slice(0, EXCEL_CELL_LIMIT - CUT_MARK.length) + CUT_MARK
        : clean;
    }
  }
}

function numberFormat(column: ProjectColumn): string | undefined {
  if (column.type === 'date') return DATE_FORMAT;
  if (column.type === 'datetime') return DATETIME_FORMAT;
  if (column.name === 'eu_funding_eur') return AMOUNT_FORMAT;
  return undefined;
}

function projectsSheet(workbook: ExcelJS.Workbook, records: readonly ProjectRecord[]): void {
  const sheet = workbook.addWorksheet(PROJECTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PROJECT_COLUMNS.map((c) => {
    const numFmt = numberFormat(c);
    return {
      header: c.name,
      key: c.name,
      width: c.type === 'string' ? 24 : c.type === 'datetime' ? 20 : 14,
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  sheet.getRow(1).font = { bold: true };
  // exceljs gives each cell its own copy of its column's style and, when writing, turns every copy
  // into XML to find its style id (1.5 s at 20 000 rows); a style object it has seen is looked up
  // once. The id depends on the style and the value's type, so cells share one object per column
  // and type, and the workbook's bytes stay the same.
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  for (const r of records) {
    const values = PROJECT_COLUMNS.map((c) => typedCell(c, r));
    const row = sheet.addRow(values);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      const key = `${i} ${value === null ? 'null' : value instanceof Date ? 'date' : typeof value}`;
      const style = shared.get(key) ?? cell.style;
      shared.set(key, style);
      cell.style = style;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PROJECT_COLUMNS.length } };
}

function columnsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(COLUMNS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'column', key: 'column', width: 26 },
    { header: 'type', key: 'type', width: 10 },
    { header: 'always filled', key: 'required', width: 14 },
    { header: 'meaning', key: 'meaning', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const f of projectsTableSchema('.').fields) {
    sheet.addRow([f.name, f.type, f.constraints?.required ? 'yes' : 'no', f.description]);
  }
  sheet.addRow([]);
  sheet.addRow([
    'note',
    '',
    '',
    'Lists (several sources, press releases, quality flags) are joined with " | ". ' +
      `Text longer than Excel's ${EXCEL_CELL_LIMIT} characters ends with "${CUT_MARK.trim()}"; projects.json has it whole.`,
  ]);
}

/** The workbook's bytes, with every timestamp set to `at` (a UTC timestamp). */
export async function renderProjectsXlsx(records: readonly ProjectRecord[], at: string): Promise<Uint8Array> {
  // Loaded when a workbook is written, not when the harvester starts: exceljs and jszip are the
  // largest modules of the bundle, and a run that finds every page unchanged writes no workbook.
  // The Workbook module alone, not exceljs's main entry: the main entry also loads the streaming
  // reader and writer (archiver, unzipper and their stream polyfills), about 900 KB of the Lambda
  // bundle that writing one workbook to a buffer never uses.
  const [{ default: Workbook }, { default: JSZip }] = await Promise.all([
    import('exceljs/lib/doc/workbook.js'),
    import('jszip'),
  ]);
  const when = new Date(at);
  const workbook = new Workbook();
  workbook.creator = 'amif-feed';
  workbook.lastModifiedBy = 'amif-feed';
  workbook.created = when;
  workbook.modified = when;
  projectsSheet(workbook, records);
  columnsSheet(workbook);
  // Stored, not deflated: the archive is rebuilt below and compressed once there.
  const written = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  // exceljs stamps each zip entry with the clock; rewrite the archive with the given time instead.
  const zip = await JSZip.loadAsync(written);
  const names = Object.keys(zip.files);
  const fixed = new JSZip();
  for (const name of names) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    fixed.file(name, await entry.async('uint8array'), { date: when, createFolders: false });
  }
  return fixed.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}

/** The renderer: async, because exceljs writes asynchronously (the pipeline awaits it beside the others). */
export async function renderXlsxFile(ctx: RenderContext): Promise<OutputFile[]> {
  return [
    {
      key: XLSX_KEY,
      body: await renderProjectsXlsx(ctx.records, ctx.meta.generatedAt),
      contentType: CONTENT_TYPES.xlsx,
      cacheControl: CACHE_LATEST,
      stage: 'latest',
    },
  ];
}
