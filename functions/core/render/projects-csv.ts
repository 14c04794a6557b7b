import type { ProjectRecord } from '../model/project';
import { type CsvDialect, RFC4180, toCsv } from './csv';
import { type DecimalSeparator, PROJECT_COLUMNS } from './project-columns';

/** projects.csv: RFC 4180, UTF-8, header row, ISO dates, dot decimals, one row per project. */
export function renderProjectsCsv(
  records: readonly ProjectRecord[],
  dialect: CsvDialect = RFC4180,
  decimal: DecimalSeparator = '.',
): string {
  return toCsv(
    PROJECT_COLUMNS.map((c) => c.name),
    records.map((r) => PROJECT_COLUMNS.map((c) => c.value(r, decimal))),
    dialect,
  );
}

/** projects.excel.csv: BOM, semicolons and decimal commas, which Excel with a Finnish locale opens as is. */
export function renderProjectsExcelCsv(records: readonly ProjectRecord[]): string {
  return renderProjectsCsv(records, { separator: ';', lineEnding: '\r\n', bom: true }, ',');
}
