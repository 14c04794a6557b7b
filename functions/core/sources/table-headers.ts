import { PageLayoutError } from '../errors';

/** Which column each header cell is, by position; unrecognised headers are left out. */
export type ColumnMap<Column extends string> = ReadonlyMap<Column, number>;

/**
 * Maps a table's header cells to columns with `columnOf` (text in, column or null out) and refuses
 * a table in which two headers map to one column, naming both: with a decoy "EU-rahoitus
 * yhteensä" beside "EU-rahoitus (euroa)", taking either one would silently publish the wrong
 * figures. Headers that map to nothing are ignored.
 */
export function mapTableHeaders<Column extends string>(
  sourceId: string,
  headers: readonly string[],
  columnOf: (header: string) => Column | null,
): Map<Column, number> {
  const map = new Map<Column, number>();
  headers.forEach((header, index) => {
    const column = columnOf(header);
    if (column === null) return;
    const earlier = map.get(column);
    if (earlier !== undefined) {
      throw new PageLayoutError(
        sourceId,
        `one header per column, each read by its text`,
        `two headers for the ${column} column: "${headers[earlier]}" (column ${earlier + 1}) and ` +
          `"${header}" (column ${index + 1}); which one holds the ${column} cannot be told`,
      );
    }
    map.set(column, index);
  });
  return map;
}
