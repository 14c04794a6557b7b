/**
 * Keeps the first of rows that are exactly alike (same `key`) and returns a warning for each one
 * dropped: a row listed twice is one project, not two records that double its funding in every
 * total. Rows that only share a name are kept; telling those apart is the linker's job.
 */
export function uniqueRows<Row>(
  rows: readonly Row[],
  key: (row: Row) => string,
  describe: (row: Row, first: Row) => string,
): { rows: Row[]; warnings: string[] } {
  const seen = new Map<string, Row>();
  const kept: Row[] = [];
  const warnings: string[] = [];
  for (const row of rows) {
    const k = key(row);
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, row);
      kept.push(row);
    } else {
      warnings.push(describe(row, first));
    }
  }
  return { rows: kept, warnings };
}
