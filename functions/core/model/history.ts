import * as z from 'zod';
import { isoTimestampSchema, projectRecordSchema } from './project';

export const changeKindSchema = z.enum(['new', 'changed', 'removed', 'reinstated']);
export type ChangeKind = z.infer<typeof changeKindSchema>;

export const fieldChangeSchema = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** What one run read: enough to say where a version's values came from. */
export const runRefSchema = z.object({
  runId: z.string(),
  at: isoTimestampSchema,
  sources: z.array(z.object({ id: z.string(), url: z.string(), sha256: z.string().nullable() })),
});
export type RunRef = z.infer<typeof runRefSchema>;

/** One immutable version of a project: the full record as it became, and why. */
export const projectVersionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  kind: changeKindSchema,
  changedAt: isoTimestampSchema,
  fields: z.array(fieldChangeSchema),
  run: runRefSchema,
  record: projectRecordSchema,
});
export type ProjectVersion = z.infer<typeof projectVersionSchema>;
