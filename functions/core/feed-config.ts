import * as z from 'zod';
import { DEFAULTS } from './defaults';

/**
 * The contact a local run falls back to when none is given. The site omits it (layout.ts); a
 * deployment must name a real one (infra/app-config.ts refuses to synthesise without
 * `-c contactEmail=…`, and the Lambda refuses to start without CONTACT_EMAIL).
 */
export const PLACEHOLDER_CONTACT_EMAIL = 'amif-feed@example.org';

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
      'Source: Ministry of the Interior of Finland (sisäministeriö, EU:n sisäasioiden rahastot) and the ' +
        'Finnish Immigration Service (Maahanmuuttovirasto); compiled by amif-feed.',
    ),
  contactEmail: z.string().email().default(PLACEHOLDER_CONTACT_EMAIL),
  /** How the DCAT-AP catalogue and the Data Package name the feed's publisher and contact. */
  catalogue: z
    .object({
      /** Who publishes the compiled dataset (not the source pages: those are credited as sources). */
      publisherName: z.string().min(1).default('amif-feed'),
      /**
       * The publisher's ADMS publisher type (DCAT-AP's vocabulary for an agent's `dct:type`); a
       * ministry deploying the feed would say NationalAuthority.
       */
      publisherType: z.enum(['NationalAuthority', 'NonProfitOrganisation']).default('NonProfitOrganisation'),
      /** A stable URI of the publisher, e.g. its organisation URI; default `<publicBaseUrl>/id/publisher`. */
      publisherUri: z.string().url().optional(),
      /** The publisher's home page; default the public base URL. */
      publisherHomepage: z.string().url().optional(),
      /** Name on the contact point (vCard fn); the address is `contactEmail`. */
      contactName: z.string().min(1).default('amif-feed maintainers'),
      /** When the dataset was first issued (ISO date or UTC timestamp); default the first snapshot's time. */
      issued: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/)
        .optional(),
      /** Human-readable page about the dataset; default `<publicBaseUrl>/`. */
      landingPage: z.string().url().optional(),
    })
    .prefault({}),
  /** Share of a source's projects that may vanish in one run before its removals are refused. */
  collapseThreshold: z.number().min(0).max(1).default(DEFAULTS.collapseThreshold),
  /** Share of the projects whose one field may change in one run before the change is refused. */
  massChangeShare: z.number().min(0).max(1).default(DEFAULTS.massChangeShare),
});
export type FeedConfig = z.infer<typeof feedConfigSchema>;
