import * as z from 'zod';

export const sourceRunStatusSchema = z.enum([
  /** Fetched and parsed this run. */
  'ok',
  /** The server said 304 Not Modified: the last good parse is reused. */
  'not-modified',
  /** No page to read (missing snapshot file): nothing of it changes. */
  'skipped',
  /** Could not be fetched (network, HTTP error): try again next run; nothing of it changes. */
  'failed',
  /** Fetched but not trusted (layout drift, collapse): nothing of it changes and the run exits 3. */
  'refused',
]);
export type SourceRunStatus = z.infer<typeof sourceRunStatusSchema>;

/** Why a `failed` source could not be fetched (FetchProblem in errors.ts): moved, unreachable or rejected. */
export const fetchProblemSchema = z.enum(['moved', 'unreachable', 'rejected']);

export const sourceReportSchema = z.object({
  id: z.string(),
  url: z.string(),
  status: sourceRunStatusSchema,
  /** Only on a `failed` source: what kind of failure, so that each kind has its own alarm. */
  problem: fetchProblemSchema.optional(),
  records: z.number().int().nonnegative(),
  pageUpdated: z.string().nullable(),
  sha256: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type SourceReport = z.infer<typeof sourceReportSchema>;

export const runCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  new: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  reinstated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export type RunCounts = z.infer<typeof runCountsSchema>;

/** The command line's `--json` output and the content of `v1/status.json`'s `lastRun`. */
export const runReportSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  status: z.enum(['published', 'unchanged', 'partial', 'failed']),
  counts: runCountsSchema,
  sources: z.array(sourceReportSchema),
  warnings: z.array(z.string()),
  published: z.array(z.string()),
  /**
   * Present only when this run first finished an earlier run's publication (committed, not all
   * written): whose, and how many files that wrote (they are among `published`).
   */
  finishedPublication: z.object({ runId: z.string(), files: z.number().int().nonnegative() }).optional(),
});
export type RunReport = z.infer<typeof runReportSchema>;
