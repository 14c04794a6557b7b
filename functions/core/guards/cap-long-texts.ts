import { createHash } from 'node:crypto';
import type { ProjectDraft, QualityFlag } from '../model/project';

type TextField = 'name' | 'summary' | 'acronym' | 'nationalObjective';
type MigriTextField = 'title' | 'schedule' | 'description' | 'goals';
const TEXT_FIELDS: readonly TextField[] = ['name', 'summary', 'acronym', 'nationalObjective'];
const MIGRI_TEXT_FIELDS: readonly MigriTextField[] = ['title', 'schedule', 'description', 'goals'];

/**
 * Cuts every text of a draft longer than `maxChars` and flags it `text-truncated`, the flag's
 * `raw` holding the SHA-256 of the full text: a page with a megabyte in one cell then still fits
 * the state's items, and whoever holds the page can prove which text was cut.
 */
export function capLongTexts(draft: ProjectDraft, maxChars: number): ProjectDraft {
  const flags: QualityFlag[] = [];
  const source = draft.sources[0]?.id ?? null;
  const cap = (value: string, field: string): string => {
    if (value.length <= maxChars) return value;
    flags.push({
      code: 'text-truncated',
      field,
      message: `${field} was ${value.length} characters long; the first ${maxChars} are kept`,
      raw: `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`,
      source,
    });
    // Never split a surrogate pair: the kept text stays valid UTF-16 (and so valid UTF-8).
    const end = /[\uD800-\uDBFF]/.test(value[maxChars - 1] ?? '') ? maxChars - 1 : maxChars;
    return value.slice(0, end);
  };
  const next: ProjectDraft = { ...draft };
  for (const field of TEXT_FIELDS) {
    const value = draft[field];
    if (typeof value === 'string' && value.length > maxChars) (next[field] as string) = cap(value, field);
  }
  if (draft.beneficiary.name.length > maxChars) {
    next.beneficiary = { ...draft.beneficiary, name: cap(draft.beneficiary.name, 'beneficiary.name') };
  }
  if (draft.migri && MIGRI_TEXT_FIELDS.some((f) => (draft.migri?.[f]?.length ?? 0) > maxChars)) {
    const migri = { ...draft.migri };
    for (const field of MIGRI_TEXT_FIELDS) {
      const value = migri[field];
      if (typeof value === 'string') (migri[field] as string) = cap(value, `migri.${field}`);
    }
    next.migri = migri;
  }
  return flags.length === 0 ? draft : { ...next, quality: [...draft.quality, ...flags] };
}
