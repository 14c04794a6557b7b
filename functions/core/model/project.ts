import * as z from 'zod';

/** ISO calendar date, YYYY-MM-DD. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** ISO timestamp in UTC with seconds, e.g. 2026-11-22T04:00:00Z. */
export const isoTimestampSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);

export const qualityCodeSchema = z.enum([
  'invalid-date',
  'invalid-amount',
  'missing-field',
  'end-before-start',
  'unknown-objective',
  'amount-mismatch',
  'date-mismatch',
  'not-on-ministry-list',
  'schedule-note',
  'text-truncated',
  'removed-characters',
  'bidi-controls',
]);
export type QualityCode = z.infer<typeof qualityCodeSchema>;

/** A value the pipeline could not trust: the raw text is kept so nothing is silently dropped. */
export const qualityFlagSchema = z.object({
  code: qualityCodeSchema,
  field: z.string(),
  message: z.string(),
  raw: z.string().nullable(),
  source: z.string().nullable(),
});
export type QualityFlag = z.infer<typeof qualityFlagSchema>;

export const beneficiarySchema = z.object({ id: z.string().min(1), name: z.string().min(1) });
export type Beneficiary = z.infer<typeof beneficiarySchema>;

export const specificObjectiveSchema = z.object({ code: z.enum(['1', '2', '3']), name: z.string().min(1) });
export type SpecificObjective = z.infer<typeof specificObjectiveSchema>;

export const sourceRefSchema = z.object({ id: z.string(), url: z.string().url() });
export type SourceRef = z.infer<typeof sourceRefSchema>;

/**
 * The same Migri block on the Swedish or English page ("Tidsplan / Beskrivning / Mål", "Timetable /
 * Description / Goals"), as written there. `title` is null when that page gives the block none.
 */
export const migriTextSchema = z.object({
  url: z.string().url(),
  title: z.string().nullable(),
  schedule: z.string().nullable(),
  description: z.string().nullable(),
  goals: z.string().nullable(),
  /** How this block was linked to its Finnish twin, e.g. "dates", "dates+acronym ADERE". */
  matchedBy: z.string(),
});
export type MigriText = z.infer<typeof migriTextSchema>;

export const migriEnrichmentSchema = z.object({
  url: z.string().url(),
  title: z.string(),
  schedule: z.string().nullable(),
  description: z.string().nullable(),
  goals: z.string().nullable(),
  /** How the Migri block was linked to this record, so the link can be explained and audited. */
  matchedBy: z.string(),
  /**
   * The block's Swedish and English texts, when those pages have its twin. Absent otherwise, so a
   * record stored before these were read, or without a twin, parses and serialises as before.
   */
  sv: migriTextSchema.optional(),
  en: migriTextSchema.optional(),
});
export type MigriEnrichment = z.infer<typeof migriEnrichmentSchema>;

export const announcementSchema = z.object({
  date: isoDateSchema,
  url: z.string().url(),
  lang: z.enum(['fi', 'sv', 'en']),
  amountEur: z.number().nullable(),
  /** Present (true) only when the release rounds the amount ("n. 2,2 miljoonaa euroa"). */
  approximate: z.literal(true).optional(),
});
export type Announcement = z.infer<typeof announcementSchema>;

export const projectStatusSchema = z.enum(['listed', 'announced', 'removed']);
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

/**
 * What the sources say about one project. Everything here is derived from the pages alone,
 * so two runs over the same pages produce equal drafts whatever the date.
 */
export const projectDraftSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  programme: z.string(),
  fund: z.string(),
  name: z.string().min(1),
  acronym: z.string().nullable(),
  beneficiary: beneficiarySchema,
  specificObjective: specificObjectiveSchema.nullable(),
  nationalObjective: z.string().nullable(),
  summary: z.string(),
  euFundingEur: z.number().nullable(),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  website: z.string().url().nullable(),
  /** 'listed' when a ministry list has it, 'announced' when only a press release does. */
  listing: z.enum(['listed', 'announced']),
  sources: z.array(sourceRefSchema).min(1),
  migri: migriEnrichmentSchema.nullable(),
  announcements: z.array(announcementSchema),
  quality: z.array(qualityFlagSchema),
});
export type ProjectDraft = z.infer<typeof projectDraftSchema>;

/** The published record: the draft plus what the history knows about it. */
export const projectRecordSchema = projectDraftSchema.omit({ listing: true }).extend({
  status: projectStatusSchema,
  removedAt: isoTimestampSchema.nullable(),
  firstSeenAt: isoTimestampSchema,
  lastChangedAt: isoTimestampSchema,
  version: z.number().int().positive(),
});
export type ProjectRecord = z.infer<typeof projectRecordSchema>;
