import type { ProjectDraft, QualityFlag } from '../model/project';
import { codePointName, escapedRaw, publishableText } from '../normalise/publishable-text';

type Json = string | number | boolean | null | undefined | readonly Json[] | { readonly [key: string]: Json };

/**
 * Every text of a draft made publishable (see publishableText). A text that lost characters is
 * flagged `removed-characters`, one that had direction controls balanced `bidi-controls`; the
 * flag's `raw` is the text as scraped, each removed code point written `\u{FFFE}`. The quality
 * flags' own texts are cleaned the same way but not flagged again.
 */
export function publishableDraft(draft: ProjectDraft): ProjectDraft {
  const flags: QualityFlag[] = [];
  const source = draft.sources[0]?.id ?? null;
  const onText = (field: string, raw: string): string => {
    const clean = publishableText(raw);
    if (clean.removed.length > 0) {
      flags.push({
        code: 'removed-characters',
        field,
        message: `${field} held ${names(clean.removed)}, which no published format can carry; ${clean.removed.length} removed`,
        raw: escapedRaw(raw),
        source,
      });
    }
    if (clean.bidi.length > 0) {
      flags.push({
        code: 'bidi-controls',
        field,
        message: `${field} left direction controls unbalanced (${names(clean.bidi)}); ${clean.bidi.length} balanced so the text cannot reorder what follows it`,
        raw: escapedRaw(raw),
        source,
      });
    }
    return clean.text;
  };
  const { quality, ...rest } = draft;
  const cleaned = walk(rest as Json, '', onText);
  const cleanQuality = walk(quality as Json, 'quality', (field, text) =>
    field.endsWith('.raw') ? escapedRaw(text) : publishableText(text).text,
  ) as QualityFlag[];
  if (cleaned === rest && cleanQuality === quality) return draft;
  return { ...(cleaned as Omit<ProjectDraft, 'quality'>), quality: [...cleanQuality, ...flags] };
}

/** Any JSON value with each string made publishable (no flags): the fund page's reference data. */
export function publishableValue<T>(value: T): T {
  return walk(value as Json, '', (_field, text) => publishableText(text).text) as T;
}

/** The value with `onText` applied to each string; the same object where nothing changed. */
function walk(value: Json, path: string, onText: (field: string, text: string) => string): Json {
  if (typeof value === 'string') return onText(path, value);
  if (Array.isArray(value)) {
    const out = value.map((v, i) => walk(v, `${path}[${i}]`, onText));
    return out.every((v, i) => v === value[i]) ? value : out;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = walk(v, path ? `${path}.${key}` : key, onText);
      changed ||= out[key] !== v;
    }
    return changed ? out : value;
  }
  return value;
}

function names(codes: readonly number[]): string {
  const unique = [...new Set(codes)];
  return `${unique.slice(0, 5).map(codePointName).join(', ')}${unique.length > 5 ? ', …' : ''}`;
}
