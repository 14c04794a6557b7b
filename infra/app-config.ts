import type { Node } from 'constructs';
import { DEFAULTS } from '../functions/core/defaults';
import { ConfigError, UsageError } from '../functions/core/errors';
import { parseListingList } from '../functions/core/sources/listing-sources';
import { NotifyContextError, type NotifySubscription, notifySubscriptions } from './notify-subscriptions';

/**
 * Deploy-time options of the app, read from CDK context (`-c key=value` on the command line, or
 * the `context` block of cdk.json). Command-line context always arrives as strings; cdk.json may
 * hold arrays and numbers, so every reader accepts both.
 *
 * Bad values fail the synth with a message that names the key: a typo in an e-mail address
 * should stop `cdk deploy`, not surface as a zod error in the Lambda at 4 a.m.
 */
export interface AppConfig {
  /** `-c notifyEmails=a@x.fi,b@y.fi`: e-mail subscribers of the new-awards topic. */
  readonly notifyEmails: readonly string[];
  /** `-c notify='a@x.fi:objective=2,b@y.fi'`: e-mail subscribers with filters (docs/subscribing.md). */
  readonly notify: readonly NotifySubscription[];
  /** `-c opsEmails=ops@x.fi`: e-mail subscribers of the operations (alarm) topic. */
  readonly opsEmails: readonly string[];
  /**
   * `-c contactEmail=…` (required): the contact the feed publishes (site footer, DCAT contact point,
   * Atom author, Data Package), so no deployment publishes the local placeholder.
   */
  readonly contactEmail: string;
  /** `-c collapseThreshold=0.2`: share of a source's projects that may vanish in one run. */
  readonly collapseThreshold: number;
  /** `-c schedule='cron(0 4 * * ? *)'`: EventBridge Scheduler expression. */
  readonly scheduleExpression: string;
  /** `-c scheduleTimeZone=Europe/Helsinki`: IANA zone the cron expression is read in. */
  readonly scheduleTimeZone: string;
  /** `-c domainName=… -c certificateArn=…`: optional custom domain (both or neither). */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** `-c pressReleaseUrls=https://…,https://…`: press releases to read as sources beside the page sources (default: none; the listings find them). */
  readonly pressReleaseUrls: readonly string[];
  /** `-c listingUrls=[ID=]https://…,…|none`: the listings that lead to releases (docs/discovery.md); unset: the defaults. */
  readonly listingUrls?: string;
  /** `-c reservedConcurrency=1|off`: `off` for new accounts whose concurrency quota is 10. */
  readonly reservedConcurrency: number | undefined;
}

export const DEFAULT_SCHEDULE = 'cron(0 4 * * ? *)';
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Europe/Helsinki';
export const DEFAULT_COLLAPSE_THRESHOLD = DEFAULTS.collapseThreshold;

/** A deploy-time context value is missing or malformed: fix the `-c` option (a usage error). */
export class ConfigContextError extends UsageError {
  override readonly name = 'ConfigContextError';
}

// Deliberately simple: catches typos and stray separators, not every RFC 5322 corner.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SCHEDULE = /^(cron|rate)\(.+\)$/;

export function readAppConfig(node: Node): AppConfig {
  const get = (key: string): unknown => node.tryGetContext(key);

  const contactEmail = optionalString(get('contactEmail'));
  if (contactEmail === undefined) {
    throw new ConfigContextError(
      'context contactEmail is required: the address the feed publishes as its contact (site footer, DCAT, Atom, Data Package); ' +
        'deploy with -c contactEmail=you@example.fi',
    );
  }
  if (!EMAIL.test(contactEmail)) {
    throw new ConfigContextError(`context contactEmail: "${contactEmail}" is not an e-mail address`);
  }

  const domainName = optionalString(get('domainName'))?.toLowerCase();
  const certificateArn = optionalString(get('certificateArn'));
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new ConfigContextError(
      'context domainName and certificateArn go together: give both (a us-east-1 ACM certificate for the domain) or neither',
    );
  }
  if (domainName !== undefined && !DOMAIN.test(domainName)) {
    throw new ConfigContextError(`context domainName: "${domainName}" is not a DNS name`);
  }
  if (certificateArn !== undefined && !ACM_ARN.test(certificateArn)) {
    throw new ConfigContextError(
      `context certificateArn: "${certificateArn}" is not an ACM certificate ARN in us-east-1 (CloudFront only accepts certificates from us-east-1)`,
    );
  }

  const notifyEmails = emailList('notifyEmails', get('notifyEmails'));
  let notify: NotifySubscription[];
  try {
    notify = notifySubscriptions(list(get('notify')), notifyEmails);
  } catch (error) {
    throw error instanceof NotifyContextError ? new ConfigContextError(error.message) : error;
  }
  return {
    notifyEmails,
    notify,
    opsEmails: emailList('opsEmails', get('opsEmails')),
    contactEmail,
    collapseThreshold: collapseThreshold(get('collapseThreshold')),
    scheduleExpression: scheduleExpression(get('schedule')),
    scheduleTimeZone: optionalString(get('scheduleTimeZone')) ?? DEFAULT_SCHEDULE_TIME_ZONE,
    ...(domainName !== undefined && certificateArn !== undefined
      ? { customDomain: { domainName, certificateArn } }
      : {}),
    pressReleaseUrls: urlList('pressReleaseUrls', get('pressReleaseUrls')),
    ...listingUrls(get('listingUrls')),
    reservedConcurrency: reservedConcurrency(get('reservedConcurrency')),
  };
}

/** Checked as the Lambda will read it, so a typo stops the synth; passed on as written. */
function listingUrls(value: unknown): { listingUrls?: string } {
  const text = Array.isArray(value) ? value.map(String).join(',') : optionalString(value);
  if (text === undefined) return {};
  try {
    parseListingList(text, 'context listingUrls');
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigContextError(error.message);
    throw error;
  }
  return { listingUrls: text };
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** "a,b" or "a b" or ["a","b"] → ["a","b"]; blanks dropped, duplicates removed. */
function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[,\s]+/);
  return [...new Set(items.map((s) => s.trim()).filter((s) => s !== ''))];
}

function emailList(key: string, value: unknown): string[] {
  const emails = list(value);
  const bad = emails.filter((e) => !EMAIL.test(e));
  if (bad.length > 0) {
    throw new ConfigContextError(
      `context ${key}: not e-mail addresses: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  }
  return emails;
}

function urlList(key: string, value: unknown): string[] {
  const urls = list(value);
  for (const u of urls) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new ConfigContextError(`context ${key}: "${u}" is not a URL`);
    }
    if (parsed.protocol !== 'https:') {
      throw new ConfigContextError(`context ${key}: "${u}" must be an https URL`);
    }
  }
  return urls;
}

function collapseThreshold(value: unknown): number {
  const text = optionalString(value);
  if (text === undefined) return DEFAULT_COLLAPSE_THRESHOLD;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigContextError(`context collapseThreshold: "${text}" is not a number between 0 and 1`);
  }
  return n;
}

function scheduleExpression(value: unknown): string {
  const text = optionalString(value);
  if (text === undefined) return DEFAULT_SCHEDULE;
  if (!SCHEDULE.test(text)) {
    throw new ConfigContextError(
      `context schedule: "${text}" is not an EventBridge Scheduler expression such as "cron(0 4 * * ? *)" or "rate(12 hours)"`,
    );
  }
  return text;
}

function reservedConcurrency(value: unknown): number | undefined {
  const text = optionalString(value);
  if (text === undefined) return 1;
  if (text === 'off' || text === 'none' || text === 'false') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new ConfigContextError(
      `context reservedConcurrency: "${text}" is neither a positive integer nor "off"`,
    );
  }
  return n;
}
