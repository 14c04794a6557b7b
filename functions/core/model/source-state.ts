import * as z from 'zod';

/**
 * What the state remembers of a source's last good reading besides its output: enough to decide
 * that a page is the one already read (same SHA-256, or a 304 to its validators) without loading
 * the output, which for a long list is megabytes to join, gunzip and parse.
 */
export const sourceReadingSchema = z.object({
  id: z.string(),
  url: z.string(),
  sha256: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  fetchedAt: z.string(),
  /** DEFAULTS.extractionVersion when the output was extracted; null for readings from before it was kept. */
  extractionVersion: z.number().int().nullable().default(null),
});
export type SourceReading = z.infer<typeof sourceReadingSchema>;

/**
 * A stored output as the run report and status.json describe it (its draft count and page date),
 * kept beside the output so an unchanged page reports them without loading it.
 */
export const outputSummarySchema = z.object({
  records: z.number().int().nonnegative(),
  pageUpdated: z.string().nullable(),
});
export type OutputSummary = z.infer<typeof outputSummarySchema>;
