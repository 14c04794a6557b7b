/**
 * A list in a message, cut after `max` items with how many were left out: a warning that names
 * candidates must stay readable and small however many rows a page has (a run's record in the state
 * has an item size limit, and a page of thousands of rows can make thousands of candidates).
 */
export function boundedList(items: readonly string[], separator: string, max = 20): string {
  const shown = items.slice(0, max).join(separator);
  const rest = items.length - max;
  return rest > 0 ? `${shown}${separator}… and ${rest} more` : shown;
}
