import type { SourceOutput } from '../model/source-output';
import { groupThousands } from '../normalise/amount';
import { formatFinnishDate } from '../normalise/date';

/** How one item of an enriching source (a Migri block, a press mention) was linked, or why not. */
export interface LinkExplanation {
  readonly sourceId: string;
  /** The block's title or the mention's names and amount, as the source writes them. */
  readonly item: string;
  /**
   * The record it was attached to; its own record's id when nothing matched; empty for a block of
   * Migri's Swedish or English page that matched no Finnish block (it makes no record).
   */
  readonly projectId: string;
  /** E.g. "title+dates", "acronym", "beneficiary+amount", "text-similarity 0.62"; null when not linked. */
  readonly matchedBy: string | null;
  /** Why it was not linked, or what disagreed. */
  readonly note: string | null;
}

/** Kinds in the order their sources are listed on a record: the owner (a ministry list) first. */
export const KIND_RANK: Readonly<Record<SourceOutput['kind'], number>> = {
  projects: 0,
  reference: 1,
  migri: 2,
  'migri-translation': 2,
  'press-release': 3,
};

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2022-08-01" → "1.8.2022"; null → "(ei ilmoitettu)". */
export function showDate(iso: string | null): string {
  return iso ? formatFinnishDate(iso) : '(ei ilmoitettu)';
}

/** The programme period a programme name ends with ("AMIF 2021-2027", "EUSA 2021-2027" → "2021-2027"). */
export function periodOf(programme: string): string | null {
  return /(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(programme)?.slice(1, 3).join('-') ?? null;
}

/** Whether two programmes can hold the same project: same period, or a period unknown on either side. */
export function samePeriod(a: string, b: string): boolean {
  const pa = periodOf(a);
  const pb = periodOf(b);
  return pa === null || pb === null || pa === pb;
}

/** Whole euros as a Finnish reader writes them: 1 153 584 or 308 620,69. */
export function showEuros(eur: number): string {
  const cents = Math.round(eur * 100);
  const whole = groupThousands(String(Math.trunc(cents / 100)), ' ');
  const fraction = cents % 100;
  return fraction === 0 ? `${whole} €` : `${whole},${String(fraction).padStart(2, '0')} €`;
}

/**
 * One-to-one assignment for criteria that either hold or not: a pair is taken when the item has exactly
 * one eligible project and that project exactly one eligible item, both still free. Returns the pairs
 * taken and the items that had several equally good projects (for a warning).
 */
export function uniquePairs<I, P>(
  items: readonly I[],
  projects: readonly P[] | ((item: I) => readonly P[]),
  matches: (item: I, project: P) => boolean,
): { pairs: [I, P][]; ambiguous: I[] } {
  // `projects` may narrow the projects per item beforehand (any that could match, in list order).
  const projectsOf = typeof projects === 'function' ? projects : () => projects;
  const byItem = new Map<I, P[]>();
  const byProject = new Map<P, I[]>();
  for (const item of items) {
    for (const project of projectsOf(item)) {
      if (!matches(item, project)) continue;
      append(byItem, item, project);
      append(byProject, project, item);
    }
  }
  const pairs: [I, P][] = [];
  const ambiguous: I[] = [];
  for (const item of items) {
    const candidates = byItem.get(item) ?? [];
    if (candidates.length === 1 && byProject.get(candidates[0]!)!.length === 1)
      pairs.push([item, candidates[0]!]);
    else if (
      candidates.length > 1 ||
      (candidates.length === 1 && byProject.get(candidates[0]!)!.length > 1)
    ) {
      ambiguous.push(item);
    }
  }
  return { pairs, ambiguous };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
