import { PageLayoutError } from '../errors';
import type { ProjectDraft } from '../model/project';

/** The quality codes that say a cell could not be read as the type its column promises. */
const UNREADABLE = { 'invalid-amount': 'euro amounts', 'invalid-date': 'dates' } as const;

/** Below this many rows one bad cell is a typo, not a mislabelled column. */
const MIN_ROWS = 4;

/**
 * Refuses a table in which most cells of an amount or date column cannot be read as one: the
 * headers then name other columns than the ones they stand over (two swapped headers, say), and
 * reading it would fill every record's dates or amounts with someone else's text. A few bad cells
 * stay quality flags on their rows.
 */
export function assertTypedColumnsHold(sourceId: string, drafts: readonly ProjectDraft[]): void {
  if (drafts.length < MIN_ROWS) return;
  const unreadable = new Map<string, { count: number; raw: string | null; kind: string }>();
  for (const draft of drafts) {
    for (const flag of draft.quality) {
      const kind = UNREADABLE[flag.code as keyof typeof UNREADABLE];
      if (!kind) continue;
      const seen = unreadable.get(flag.field) ?? { count: 0, raw: flag.raw, kind };
      seen.count++;
      unreadable.set(flag.field, seen);
    }
  }
  for (const [field, { count, raw, kind }] of unreadable) {
    if (count * 2 < drafts.length) continue;
    const example = raw === null ? '' : ` (e.g. "${raw.slice(0, 60)}")`;
    throw new PageLayoutError(
      sourceId,
      `the column read as ${field} to hold ${kind}`,
      `${count} of ${drafts.length} rows unreadable as ${kind}${example}; the headers may not match their columns`,
    );
  }
}
