import type { SpecificObjective } from '../model/project';
import { stemSimilarity } from './similarity';
import { collapseWhitespace } from './text';

export type ObjectiveCode = '1' | '2' | '3';
export type ReferenceNames = Readonly<Partial<Record<ObjectiveCode, string>>>;

export type ObjectiveResult =
  | { readonly ok: true; readonly objective: SpecificObjective }
  | { readonly ok: false; readonly raw: string };

/** Share of a cell's word stems that must recur in a reference name for a name-only cell to match it. */
const NAME_MATCH_THRESHOLD = 0.5;

/**
 * Reads an objective cell such as "1 Euroopan yhteinen turvapaikkajärjestelmä" (objective 3's name
 * spans several lines on the page).
 *
 * `referenceNames` is the fund page's list of objectives. The cell's own name wins when it has one:
 * the ministry list is the authority on its projects, and the published name does not change when the
 * fund page is rewritten or unavailable. The reference fills in what the cell lacks: the name of a
 * cell that gives only the code ("2", "Erityistavoite 2"), and the code of a cell that gives only a
 * name (matched by shared word stems, e.g. "Laillinen maahanmuutto ja kotoutuminen" → 2).
 */
export function parseSpecificObjective(raw: string, referenceNames: ReferenceNames = {}): ObjectiveResult {
  const text = collapseWhitespace(raw);
  const match = /^(?:erityistavoite\s*)?([123])(?![\d.,])[.:)]?\s*(.*)$/i.exec(text);
  if (!match) {
    const code = matchObjectiveName(text, referenceNames);
    return code ? { ok: true, objective: { code, name: text } } : { ok: false, raw };
  }
  const code = match[1] as ObjectiveCode;
  const name = match[2]!.trim() || referenceNames[code];
  if (!name) return { ok: false, raw };
  return { ok: true, objective: { code, name } };
}

/**
 * The code of the reference objective whose name a code-less cell repeats, or null when no
 * reference name shares enough stems with it or two do equally.
 */
export function matchObjectiveName(text: string, referenceNames: ReferenceNames): ObjectiveCode | null {
  if (!text.trim()) return null;
  const scored = (Object.entries(referenceNames) as [ObjectiveCode, string][])
    .map(([code, name]) => ({ code, score: stemSimilarity(text, name) }))
    .filter((s) => s.score >= NAME_MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || (second && second.score === best.score)) return null;
  return best.code;
}
