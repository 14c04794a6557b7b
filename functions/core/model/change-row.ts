import * as z from 'zod';
import { isoTimestampSchema } from './project';

/**
 * The kind of event a row of v1/changes.csv belongs to: the version's kind, except that a project
 * first seen in a press release only (status "announced", no list carries it yet) is "announced".
 */
export const changeRowKindSchema = z.enum(['new', 'announced', 'changed', 'removed', 'reinstated']);
export type ChangeRowKind = z.infer<typeof changeRowKindSchema>;

/**
 * One row of the published change history (v1/changes.jsonl; v1/changes.csv writes the same rows
 * with `old` and `new` as text): one field of one version of one project.
 */
export const changeRowSchema = z.object({
  project_id: z.string().min(1),
  version: z.number().int().positive(),
  at: isoTimestampSchema,
  kind: changeRowKindSchema,
  /** A tracked field of the record (TRACKED_FIELDS), named as in projects.json. */
  field: z.string().min(1),
  /** The value before the version; null for a new project's fields. */
  old: z.unknown(),
  new: z.unknown(),
  /** Ids of the sources the record had as of this version, as projects.csv's source_ids. */
  source: z.string(),
});
export type ChangeRow = z.infer<typeof changeRowSchema>;
