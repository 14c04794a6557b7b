import type { SpecificObjective } from '../model/project';
import { collapseWhitespace } from './text';

export type ObjectiveResult =
  | { readonly ok: true; readonly objective: SpecificObjective }
  | { readonly ok: false; readonly raw: string };

/**
 * Reads an objective cell such as "1 Euroopan yhteinen turvapaikkajärjestelmä" (objective 3's name
 * spans several lines on the page). `referenceNames` maps a code to the name to publish when the
 * fund page provides one; otherwise the cell's own name is kept.
 */
export function parseSpecificObjective(
  raw: string,
  referenceNames: Readonly<Partial<Record<'1' | '2' | '3', string>>> = {},
): ObjectiveResult {
  const text = collapseWhitespace(raw);
  const match = /^(?:erityistavoite\s*)?([123])\b[.:)]?\s*(.*)$/i.exec(text);
  if (!match) return { ok: false, raw };
  const code = match[1] as '1' | '2' | '3';
  const name = referenceNames[code] ?? match[2]!.trim();
  if (!name) return { ok: false, raw };
  return { ok: true, objective: { code, name } };
}
