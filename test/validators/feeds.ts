import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';

/**
 * The feeds as a reader takes them: Atom documents against RFC 4287 (a RELAX NG grammar run by
 * Jing, which vnu.jar carries, plus the rules a grammar cannot state), JSON Feeds against JSON
 * Feed 1.1 (a JSON Schema of the spec's fields, with Ajv).
 */

const JAR = join(
  dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
);
const JING = 'nu.validator.vendor.thaiopensource.relaxng.util.Driver';
const GRAMMAR = 'test/validators/feeds/atom.rnc';

/** Jing's errors for every Atom file, one line each ("path:line:column: error: …"); one JVM. */
export function atomGrammarErrors(paths: readonly string[]): string[] {
  const java = process.env.JAVA_PATH ?? 'java';
  const run = spawnSync(java, ['-cp', JAR, JING, '-c', GRAMMAR, ...paths], { encoding: 'utf8' });
  if (run.error)
    throw new Error(`could not run ${java} (scripts/ensure-java.sh installs it): ${run.error.message}`);
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.trim() !== '');
  if (run.status !== 0 && lines.length === 0) throw new Error(`Jing exited ${run.status} without a message`);
  return lines;
}

/** RFC 3987 IRI: a scheme then anything; a tag URI also as RFC 4151 spells it. */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const TAG_URI = /^tag:[A-Za-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[\x21-\x7e]*$/;

/** The rules of RFC 4287 section 4 that the grammar cannot state, for one document. */
export function atomRuleErrors(xml: string): string[] {
  const $ = cheerio.load(xml, { xml: true });
  const errors: string[] = [];
  const feed = $('feed');
  const entries = feed.children('entry').toArray();
  const idOk = (id: string) => ABSOLUTE_IRI.test(id) && (!id.startsWith('tag:') || TAG_URI.test(id));
  const alternates = (links: readonly Element[], where: string) => {
    const seen = new Set<string>();
    for (const l of links) {
      if (($(l).attr('rel') ?? 'alternate') !== 'alternate') continue;
      const key = `${$(l).attr('type') ?? ''}|${$(l).attr('hreflang') ?? ''}`;
      if (seen.has(key))
        errors.push(`${where}: two alternate links of type and language ${key} (4.1.1, 4.1.2)`);
      seen.add(key);
    }
  };
  const feedId = feed.children('id').text();
  if (!idOk(feedId)) errors.push(`feed: id "${feedId}" is not an absolute IRI (4.2.6)`);
  alternates(feed.children('link').toArray(), 'feed');
  const feedAuthor = feed.children('author').length > 0;
  const ids = new Map<string, string>();
  entries.forEach((e, i) => {
    const entry = $(e);
    const id = entry.children('id').text();
    const where = `entry ${i + 1} (${id})`;
    if (!idOk(id)) errors.push(`${where}: id is not an absolute IRI (4.2.6)`);
    const updated = entry.children('updated').text();
    if (ids.get(id) === updated) errors.push(`${where}: a second entry with the same id and updated (4.1.1)`);
    ids.set(id, updated);
    if (!feedAuthor && entry.children('author').length === 0)
      errors.push(`${where}: no author, and the feed has none (4.1.2)`);
    const alternate = entry
      .children('link')
      .toArray()
      .some((l) => ($(l).attr('rel') ?? 'alternate') === 'alternate');
    if (entry.children('content').length === 0 && !alternate)
      errors.push(`${where}: neither content nor an alternate link (4.1.2)`);
    alternates(entry.children('link').toArray(), where);
  });
  return errors;
}

const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
const url = { type: 'string', format: 'uri' } as const;
/** Extensions are the keys starting with "_"; any other key the spec does not define is a mistake. */
const extensions = { patternProperties: { '^_': {} }, additionalProperties: false } as const;
const author = {
  type: 'object',
  properties: { name: { type: 'string' }, url, avatar: url },
  anyOf: [{ required: ['name'] }, { required: ['url'] }, { required: ['avatar'] }],
  ...extensions,
} as const;

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a JSON Schema: the top level, authors and items. */
export const JSON_FEED_SCHEMA = {
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: url,
    feed_url: url,
    description: { type: 'string' },
    user_comment: { type: 'string' },
    next_url: url,
    icon: url,
    favicon: url,
    authors: { type: 'array', items: author },
    language: { type: 'string', pattern: '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$' },
    expired: { type: 'boolean' },
    hubs: { type: 'array', items: { type: 'object', required: ['type', 'url'] } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url,
          external_url: url,
          title: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          summary: { type: 'string' },
          image: url,
          banner_image: url,
          date_published: { type: 'string', pattern: RFC3339 },
          date_modified: { type: 'string', pattern: RFC3339 },
          authors: { type: 'array', items: author },
          tags: { type: 'array', items: { type: 'string' } },
          language: { type: 'string' },
          attachments: { type: 'array', items: { type: 'object', required: ['url', 'mime_type'] } },
        },
        ...extensions,
      },
    },
  },
  ...extensions,
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateJsonFeed = ajv.compile(JSON_FEED_SCHEMA);

/** Schema errors of a JSON Feed, and ids that repeat (an item's id is its identity in the feed). */
export function jsonFeedErrors(feed: unknown): string[] {
  const errors = validateJsonFeed(feed)
    ? []
    : (validateJsonFeed.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  const items = (feed as { items?: { id?: unknown }[] }).items ?? [];
  const ids = items.map((i) => i.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) errors.push(`/items/${i}/id "${String(id)}" repeats an earlier item's`);
  });
  return errors;
}
