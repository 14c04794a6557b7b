import { z } from 'zod';

/** What the published files say about the dataset itself; configurable per deployment. */
export const feedConfigSchema = z.object({
  /** Public base URL of the feed, no trailing slash; every published URI is built from it. */
  publicBaseUrl: z.string().url(),
  licence: z.object({ id: z.string(), title: z.string(), url: z.string().url() }).default({
    id: 'CC-BY-4.0',
    title: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  }),
  attribution: z
    .string()
    .default(
      'Source: Ministry of the Interior of Finland (sisäministeriö, EU:n sisäasioiden rahastot) and the Finnish Immigration Service (Maahanmuuttovirasto); compiled by amif-feed.',
    ),
  contactEmail: z.string().email().default('amif-feed@example.org'),
  /** Share of a source's projects that may vanish in one run before its removals are refused. */
  collapseThreshold: z.number().min(0).max(1).default(0.2),
});
export type FeedConfig = z.infer<typeof feedConfigSchema>;
