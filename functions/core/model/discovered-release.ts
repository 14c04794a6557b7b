import * as z from 'zod';
import { isoDateSchema } from './project';

/**
 * A press release a listing led to (docs/discovery.md). Kept in the state from the run that first
 * saw it, whatever the listings say later: a release that drops off a listing, or a listing that
 * fails, never makes the feed forget it. Its last reading (hash, validators, output) is the source
 * state under the same id, so it is re-read only when its page changes, like a configured release.
 */
export const discoveredReleaseSchema = z.object({
  /** The press release's source id (pressReleaseId of its URL). */
  sourceId: z.string(),
  url: z.string().url(),
  lang: z.enum(['fi', 'sv', 'en']),
  /** The title the listing gave it. */
  title: z.string(),
  /** The publication date the listing gave it, ISO; null when the listing gives none. */
  date: isoDateSchema.nullable(),
  /** Who published it (`intermin`, `migri`, …): with the date, what makes two language versions one release. */
  organisation: z.string(),
  /** The listing that first led to it. */
  listingId: z.string(),
  firstSeenAt: z.string(),
  /** The release this one is another language version of: it is remembered but not read on its own. */
  versionOf: z.string().nullable(),
  /**
   * When an operator had it forgotten (docs/discovery.md, "Forgetting a release"): it is no longer
   * read, and stays in the state so that the listings do not lead to it again.
   */
  forgottenAt: z.string().optional(),
});
export type DiscoveredRelease = z.infer<typeof discoveredReleaseSchema>;
