import * as z from 'zod';
import { DEFAULTS } from '../core/defaults';
import { ConfigError } from '../core/errors';
import { checkBaseUrl, redactCredentials } from '../core/run-options';

/**
 * The harvester's environment, declared field by field. The CDK stack sets these variables
 * (infra/) and the handler validates them once at cold start.
 */
/** The environment variable of the local pages seam (HarvesterEnv). */
export const LOCAL_PAGES_DIR_ENV = 'AMIF_LOCAL_PAGES_DIR';

export const harvesterEnvSchema = z.object({
  /** DynamoDB table holding current projects, versions, runs, source states and the lease. */
  TABLE_NAME: z.string().min(3),
  /** S3 bucket behind CloudFront where the feed is published. */
  BUCKET_NAME: z.string().min(3),
  /** Public base URL of the feed (CloudFront domain or custom domain), no trailing slash. */
  PUBLIC_BASE_URL: z.string().transform((u, ctx) => {
    // The same check as the command line's --base-url (run-options.ts), without local http.
    try {
      return checkBaseUrl(u, 'PUBLIC_BASE_URL', false);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  /** SNS topic for new awards; without it notifications are only logged. */
  AWARDS_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  /** Comma-separated source ids to read; default: every page source and every configured press release (configuredSources). */
  SOURCE_IDS: z.string().optional(),
  /**
   * Comma-separated press releases to read as sources, each `URL` or `ID=URL` (the same list as
   * `npm start -- --press-releases`; parsed by configuredSources); default: none (the listings find them).
   */
  PRESS_RELEASE_URLS: z.string().optional(),
  /**
   * Comma-separated listings (feeds, search and news listing pages) that lead to new releases, each
   * `URL` or `ID=URL`, or `none` (the same list as `npm start -- --listings`; parsed by
   * configuredListings); default: DEFAULT_LISTINGS (docs/discovery.md).
   */
  LISTING_URLS: z.string().optional(),
  /** Share of a source's projects that may vanish in one run before the run refuses the removals. */
  COLLAPSE_THRESHOLD: z.coerce.number().min(0).max(1).default(DEFAULTS.collapseThreshold),
  /** Share of the projects whose one field may change in one run before the change is refused. */
  MASS_CHANGE_SHARE: z.coerce.number().min(0).max(1).default(DEFAULTS.massChangeShare),
  /** "true" publishes one run's mass change (set it for one run, after checking the pages). */
  ACCEPT_MASS_CHANGE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Contact e-mail the feed publishes (site footer, DCAT, Atom, Data Package); required, so no placeholder is published. */
  CONTACT_EMAIL: z.string().email(),
  /** CloudWatch namespace of the run metrics emitted as Embedded Metric Format log lines. */
  METRICS_NAMESPACE: z.string().default('AmifFeed'),
  /** Hosts the HTTP fetcher may contact (comma-separated); default: the built-in sources' hosts. */
  ALLOWED_HOSTS: z.string().optional(),
  /**
   * Local invocations only (`npm run invoke-local`, the end-to-end test): read each source from
   * `<dir>/<source id>.html` instead of the web, as `npm start --pages` does. The stack never sets
   * it, and a function running in Lambda refuses it (see readHarvesterEnv).
   */
  [LOCAL_PAGES_DIR_ENV]: z.string().min(1).optional(),
});
export type HarvesterEnv = z.infer<typeof harvesterEnvSchema>;

export function readHarvesterEnv(env: NodeJS.ProcessEnv): HarvesterEnv {
  const parsed = harvesterEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        (i) =>
          `${i.path.join('.')}: ${i.message} (found ${redactCredentials(JSON.stringify(env[String(i.path[0])] ?? null))})`,
      )
      .join('; ');
    throw new ConfigError(`harvester environment is invalid: ${problems}`);
  }
  // Lambda sets AWS_EXECUTION_ENV ("AWS_Lambda_nodejs24.x"): a deployed function reads the live pages.
  if (parsed.data[LOCAL_PAGES_DIR_ENV] !== undefined && env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')) {
    throw new ConfigError(
      `harvester environment is invalid: ${LOCAL_PAGES_DIR_ENV} is for local invocations only, ` +
        `found it set in Lambda (${env.AWS_EXECUTION_ENV}); remove it so the function reads the live pages`,
    );
  }
  return parsed.data;
}
