import type { FeedConfig } from '../feed-config';
import type { ProjectRecord } from '../model/project';
import { type FeedEntry, feedEntriesOf, feedUpdated, tagUri } from './feed-entries';
import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from './output-file';
import type { RenderContext, Renderer } from './render-context';
import { emptyElement, parentElement, textElement } from './xml';

const ATOM_NS = 'http://www.w3.org/2005/Atom';

export const FEED_TITLE = 'AMIF-rahoitetut hankkeet Suomessa: uudet hankkeet ja muutokset';
export const FEED_SUBTITLE =
  'Uudet EU:n turvapaikka-, maahanmuutto- ja kotouttamisrahastosta (AMIF) rahoitetut hankkeet sekä ' +
  'muutokset niiden rahoitukseen, aikatauluun ja tilaan. Lähteet: sisäministeriö ja Maahanmuuttovirasto.';
export const FEED_AUTHOR = 'amif-feed';

/** What tells one feed from another: its id, titles and keys. The entries are always FeedEntry. */
export interface FeedHead {
  /** The specific part of the feed's tag URI: "feed" for v1/feed.atom. */
  readonly tag: string;
  readonly title: string;
  readonly subtitle: string;
  readonly atomKey: string;
  readonly jsonKey: string;
}

/** v1/feed.atom and v1/feed.json: every project. */
export const MAIN_FEED_HEAD: FeedHead = {
  tag: 'feed',
  title: FEED_TITLE,
  subtitle: FEED_SUBTITLE,
  atomKey: 'v1/feed.atom',
  jsonKey: 'v1/feed.json',
};

/**
 * v1/feed.atom (RFC 4287): one entry per significant version, newest first. Nothing in it comes
 * from the clock: `updated` is the newest entry's, so unchanged data gives identical bytes.
 */
export function renderAtomFeed(
  entries: readonly FeedEntry[],
  config: FeedConfig,
  records: readonly Pick<ProjectRecord, 'lastChangedAt'>[] = [],
  feed: FeedHead = MAIN_FEED_HEAD,
): string {
  const base = config.publicBaseUrl;
  const head = [
    textElement('id', tagUri(base, feed.tag)),
    textElement('title', feed.title),
    textElement('subtitle', feed.subtitle),
    textElement('updated', feedUpdated(entries, records)),
    parentElement(
      'author',
      [
        textElement('name', FEED_AUTHOR),
        textElement('email', config.contactEmail),
        textElement('uri', `${base}/`),
      ],
      {},
      1,
    ),
    emptyElement('link', { rel: 'self', type: CONTENT_TYPES.atom, href: `${base}/${feed.atomKey}` }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: `${base}/` }),
    emptyElement('link', {
      rel: 'alternate',
      type: CONTENT_TYPES.feedJson,
      href: `${base}/${feed.jsonKey}`,
    }),
    textElement('rights', `${config.licence.title} (${config.licence.url}). ${config.attribution}`),
    textElement('generator', 'amif-feed', { uri: `${base}/` }),
  ];
  const body = parentElement('feed', [...head, ...entries.map(atomEntry)], {
    xmlns: ATOM_NS,
    'xml:lang': 'fi',
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}

function atomEntry(entry: FeedEntry): string {
  return parentElement(
    'entry',
    [
      textElement('id', entry.id),
      textElement('title', entry.title),
      textElement('published', entry.updated),
      textElement('updated', entry.updated),
      // A reader opens the first alternate: the project's page; the JSON is the same entry for programs.
      emptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.htmlUrl }),
      emptyElement('link', { rel: 'alternate', type: CONTENT_TYPES.json, href: entry.url }),
      ...entry.sourceUrls.map((url) => emptyElement('link', { rel: 'via', type: 'text/html', href: url })),
      emptyElement('category', { term: entry.kind }),
      textElement('content', entry.text, { type: 'text' }),
    ],
    {},
    1,
  );
}

/** v1/feed.atom from the run's recent changes. */
export const renderAtomFeedFile: Renderer = (ctx: RenderContext): OutputFile[] => [
  {
    key: 'v1/feed.atom',
    body: renderAtomFeed(feedEntriesOf(ctx), ctx.config, ctx.records),
    contentType: CONTENT_TYPES.atom,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  },
];
