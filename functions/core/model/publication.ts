import * as z from 'zod';
import { isoTimestampSchema } from './project';
import { runCountsSchema } from './run-report';
import { fundReferenceSchema } from './source-output';

/**
 * What the state says is (or is being) published: the run whose state the latest files render.
 * The state commit records it as `pending` with its manifest; once every file is written it is
 * marked `done`. Everything a renderer needs besides the stored records and versions is here, so
 * a later run can render the same files again from the state alone (see render-state.ts).
 */
export const publicationSchema = z.object({
  runId: z.string().min(1),
  /** The run's start: the dataset's `generatedAt` and the snapshot's id. */
  startedAt: isoTimestampSchema,
  status: z.enum(['pending', 'done']),
  /** OUTPUT_FORMAT_VERSION of the renderers that wrote it. */
  formatVersion: z.number().int(),
  /** Every per-project file was rendered, not only the changed projects' (first run, format change). */
  rewriteAll: z.boolean(),
  counts: runCountsSchema,
  /** Each configured source's page date as the dataset describes it. */
  sources: z.array(z.object({ id: z.string(), pageUpdated: z.string().nullable() })),
  reference: fundReferenceSchema.extend({ source: z.object({ id: z.string(), url: z.string() }) }).nullable(),
  /** The manifest: how many files, and the SHA-256 of their sorted `key<TAB>sha256` lines. */
  files: z.number().int().nonnegative(),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Publication = z.infer<typeof publicationSchema>;
