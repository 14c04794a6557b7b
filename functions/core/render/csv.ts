/**
 * Cells a spreadsheet would read as a formula (CWE-1236): starting with = + - @ tab or carriage
 * return, after any apostrophes. The apostrophes count so the escape can be undone exactly: a
 * value that itself began with "'=" is published as "''=", and removing one leading apostrophe
 * from every cell matching FORMULA_ESCAPE.pattern gives back every value as the source wrote it.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** How the CSV files mark a neutralised cell, as the Data Package states it. */
export const FORMULA_ESCAPE = {
  prefix: "'",
  pattern: "^'+[=+\\-@\\t\\r]",
  undo: 'Remove one leading apostrophe from every cell that matches the pattern (one or more apostrophes, then = + - @ tab or carriage return).',
} as const;

/** Prefixes a cell that a spreadsheet would evaluate with an apostrophe, so it shows as text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseFormula, for a cell read back from the CSV. */
export function restoreFormula(cell: string): string {
  return new RegExp(FORMULA_ESCAPE.pattern).test(cell) ? cell.slice(1) : cell;
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
