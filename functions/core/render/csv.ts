/** Characters that make a spreadsheet read a cell as a formula (CWE-1236). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a cell that a spreadsheet would evaluate with an apostrophe, so it shows as text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface CsvDialect {
  readonly separator: ',' | ';';
  readonly lineEnding: '\r\n';
  readonly bom: boolean;
}

export const RFC4180: CsvDialect = { separator: ',', lineEnding: '\r\n', bom: false };

function quote(value: string, separator: string): string {
  const safe = neutraliseFormula(value);
  return safe.includes('"') || safe.includes(separator) || /[\r\n]/.test(safe) || safe !== safe.trim()
    ? `"${safe.replace(/"/g, '""')}"`
    : safe;
}

/** Writes a table as CSV: a header row, one row per record, every cell quoted when it must be. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  dialect: CsvDialect = RFC4180,
): string {
  const lines = [header, ...rows].map((cells) =>
    cells.map((c) => quote(c, dialect.separator)).join(dialect.separator),
  );
  return `${dialect.bom ? '\ufeff' : ''}${lines.join(dialect.lineEnding)}${dialect.lineEnding}`;
}
