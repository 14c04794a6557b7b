import { z } from 'zod';
import { projectDraftSchema } from './project';

/**
 * What one source page yields after parsing and normalising. Kept in the state store as the
 * source's last good output, so a page that is refused, unreachable or unchanged (HTTP 304)
 * is linked from its last good reading and nothing it contributed changes.
 */
export const projectsOutputSchema = z.object({
  kind: z.literal('projects'),
  sourceId: z.string(),
  url: z.string().url(),
  /** The page's own "updated" date (e.g. "Lista on päivitetty 5.3.2024"), ISO; null if absent. */
  pageUpdated: z.string().nullable(),
  drafts: z.array(projectDraftSchema),
  warnings: z.array(z.string()),
});
export type ProjectsOutput = z.infer<typeof projectsOutputSchema>;

export const sourceOutputSchema = z.discriminatedUnion('kind', [projectsOutputSchema]);
export type SourceOutput = z.infer<typeof sourceOutputSchema>;
