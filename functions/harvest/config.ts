import * as z from 'zod';
import { DEFAULTS } from '../core/defaults';
import { ConfigError } from '../core/errors';

/**
 * The harvester's environment, declared field by field. The CDK stack sets these variables
 * (infra/) and the handler validates them once at cold start.
 */
export const harvesterEnvSchema = z.object({
  /** DynamoDB table holding current projects, versions, runs, source states and the lease. */
  TABLE_NAME: z.string().min(3),
  /** S3 bucket behind CloudFront where the feed is published. */
  BUCKET_NAME: z.string().min(3),
  /** Public base URL of the feed (CloudFront domain or custom domain), no trailing slash. */
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, '')),
  /** SNS topic for new awards; without it notifications are only logged. */
  AWARDS_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  /** Comma-separated source ids to read; default: every built-in source. */
  SOURCE_IDS: z.string().optional(),
  /**
   * Comma-separated press releases to read as sources, each `URL` or `ID=URL` (the same list as
   * `npm start -- --press-releases`; parsed by configuredSources); default: the bundled list.
   */
  PRESS_RELEASE_URLS: z.string().optional(),
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
});
export type HarvesterEnv = z.infer<typeof harvesterEnvSchema>;

export function readHarvesterEnv(env: NodeJS.ProcessEnv): HarvesterEnv {
  const parsed = harvesterEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        (i) => `${i.path.join('.')}: ${i.message} (found ${JSON.stringify(env[String(i.path[0])] ?? null)})`,
      )
      .join('; ');
    throw new ConfigError(`harvester environment is invalid: ${problems}`);
  }
  return parsed.data;
}
