import { type ProjectDraft, projectDraftSchema, type QualityCode, type QualityFlag } from '../model/project';
import { centsToEuros } from '../normalise/amount';
import { parseEuroAmount } from '../normalise/amount-reader';
import { parseFinnishDate } from '../normalise/date';
import { parseDateRange } from '../normalise/date-range';

/** The beneficiary a draft carries when its source names none (with a `missing-field` flag). */
export const UNKNOWN_BENEFICIARY = { id: 'unknown', name: '(ei ilmoitettu)' } as const;

/**
 * The quality flags of one draft, all attributed to the source that raised them. Every source module
 * reads its raw values through the readers below, so an impossible value is always `null` plus a flag
 * holding the raw text, whatever the page.
 */
export class DraftQuality {
  readonly flags: QualityFlag[] = [];

  constructor(readonly sourceId: string) {}

  flag(code: QualityCode, field: string, message: string, raw: string | null): void {
    this.flags.push({ code, field, message, raw, source: this.sourceId });
  }

  /** A euro amount, or null with `missing-field` (empty) or `invalid-amount` (unreadable). */
  amount(
    raw: string | null,
    messages: { readonly missing: string; readonly invalid: string },
    field = 'euFundingEur',
  ): number | null {
    if (!raw) {
      this.flag('missing-field', field, messages.missing, null);
      return null;
    }
    const amount = parseEuroAmount(raw);
    if (amount.ok) return centsToEuros(amount.cents);
    this.flag('invalid-amount', field, messages.invalid, raw);
    return null;
  }

  /** One date written d.m.yyyy, or null with `missing-field` or `invalid-date`. */
  date(
    field: 'startDate' | 'endDate',
    raw: string | null,
    messages: { readonly missing: string; readonly invalid: string },
  ): string | null {
    if (!raw) {
      this.flag('missing-field', field, messages.missing, null);
      return null;
    }
    const parsed = parseFinnishDate(raw);
    if (parsed.ok) return parsed.iso;
    this.flag('invalid-date', field, messages.invalid, raw);
    return null;
  }

  /**
   * A period "d.m.yyyy - d.m.yyyy": each end is read on its own (an impossible end date is flagged
   * while the other stays), and what follows the range is returned as its note. A text that is not a
   * range at all is flagged as `notARange` says (`invalid-date` or `schedule-note`).
   */
  period(
    raw: string | null,
    messages: {
      readonly missing: string;
      readonly notARange: { readonly code: QualityCode; readonly message: string };
      readonly notADate: (rawDate: string) => string;
    },
  ): { startDate: string | null; endDate: string | null; note: string } {
    const none = { startDate: null, endDate: null, note: '' };
    if (!raw) {
      this.flag('missing-field', 'startDate', messages.missing, null);
      return none;
    }
    const range = parseDateRange(raw);
    if (!range) {
      this.flag(messages.notARange.code, 'startDate', messages.notARange.message, raw);
      return none;
    }
    let startDate: string | null = null;
    let endDate: string | null = null;
    if (range.start.ok) startDate = range.start.iso;
    else this.flag('invalid-date', 'startDate', messages.notADate(range.rawStart), range.rawStart);
    if (range.end.ok) endDate = range.end.iso;
    else this.flag('invalid-date', 'endDate', messages.notADate(range.rawEnd), range.rawEnd);
    return { startDate, endDate, note: range.note };
  }

  /** Flags an end date before the start date; both dates are kept as the page gives them. */
  order(startDate: string | null, endDate: string | null): void {
    if (startDate && endDate && endDate < startDate) {
      this.flag(
        'end-before-start',
        'endDate',
        `the end date ${endDate} is before the start date ${startDate}`,
        null,
      );
    }
  }
}

/** What a source module decides about a draft; everything else has the value of a plain listed project. */
export type DraftFields = Pick<ProjectDraft, 'id' | 'programme' | 'name' | 'beneficiary' | 'sources'> &
  Partial<Omit<ProjectDraft, 'quality'>>;

/** A validated draft from a source's fields and its quality flags (schema-checked: a bug fails loudly). */
export function buildDraft(
  fields: DraftFields,
  quality: DraftQuality | readonly QualityFlag[],
): ProjectDraft {
  return projectDraftSchema.parse({
    fund: 'AMIF',
    acronym: null,
    specificObjective: null,
    nationalObjective: null,
    summary: '',
    euFundingEur: null,
    startDate: null,
    endDate: null,
    website: null,
    listing: 'listed',
    migri: null,
    announcements: [],
    ...fields,
    quality: quality instanceof DraftQuality ? quality.flags : [...quality],
  });
}

/**
 * Keeps the first draft of each id: a page that repeats an item yields it once and a warning that
 * `describe` words (e.g. `the project "X" appears twice on the page; kept once`).
 */
export function uniqueDrafts(
  drafts: readonly ProjectDraft[],
  describe: (draft: ProjectDraft) => string,
): { drafts: ProjectDraft[]; warnings: string[] } {
  const seen = new Set<string>();
  const kept: ProjectDraft[] = [];
  const warnings: string[] = [];
  for (const draft of drafts) {
    if (seen.has(draft.id)) {
      warnings.push(describe(draft));
      continue;
    }
    seen.add(draft.id);
    kept.push(draft);
  }
  return { drafts: kept, warnings };
}
