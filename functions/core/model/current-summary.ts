import * as z from 'zod';
import { isoTimestampSchema, type ProjectRecord } from './project';

/**
 * What a run that changes nothing says of the current records (the run's total, status.json's
 * lastChangedAt), kept by the state with each commit so such a run need not load them all.
 */
export const currentSummarySchema = z.object({
  /** How many current records, removed ones included (RunCounts.total). */
  total: z.number().int().nonnegative(),
  /** The latest lastChangedAt of any of them; null when there are none. */
  lastChangedAt: isoTimestampSchema.nullable(),
});
export type CurrentSummary = z.infer<typeof currentSummarySchema>;

export function summariseRecords(records: readonly Pick<ProjectRecord, 'lastChangedAt'>[]): CurrentSummary {
  let lastChangedAt: string | null = null;
  for (const r of records)
    if (lastChangedAt === null || r.lastChangedAt > lastChangedAt) lastChangedAt = r.lastChangedAt;
  return { total: records.length, lastChangedAt };
}
