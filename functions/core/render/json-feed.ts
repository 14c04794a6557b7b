import type { FeedConfig } from '../feed-config';
import { FEED_AUTHOR, type FeedHead, MAIN_FEED_HEAD } from './atom-feed';
import { type FeedEntry, feedEntriesOf } from './feed-entries';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import type { RenderContext, Renderer } from './render-context';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** An item of v1/feed.json; `_amif` is a JSON Feed extension (leading underscore) for programs. */
export interface JsonFeedItem {
  readonly id: string;
  readonly url: string;
  readonly external_url?: string;
  readonly title: string;
  readonly content_text: string;
  readonly date_published: string;
  readonly tags: readonly string[];
  readonly language: 'fi';
  readonly _amif: {
    readonly projectId: string;
    readonly version: number;
    readonly kind: FeedEntry['kind'];
    readonly fields: FeedEntry['fields'];
    readonly sources: readonly string[];
    /** The project's JSON with its history. */
    readonly json: string;
  };
}

export interface JsonFeedDocument {
  readonly version: typeof JSON_FEED_VERSION;
  readonly title: string;
  readonly home_page_url: string;
  readonly feed_url: string;
  readonly description: string;
  readonly language: 'fi';
  readonly authors: readonly { readonly name: string; readonly url: string }[];
  readonly items: readonly JsonFeedItem[];
}

/** v1/feed.json (JSON Feed 1.1): the same entries as feed.atom. */
export function jsonFeedDocument(
  entries: readonly FeedEntry[],
  config: FeedConfig,
  feed: FeedHead = MAIN_FEED_HEAD,
): JsonFeedDocument {
  const base = config.publicBaseUrl;
  return {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: `${base}/`,
    feed_url: `${base}/${feed.jsonKey}`,
    description: feed.subtitle,
    language: 'fi',
    authors: [{ name: FEED_AUTHOR, url: `${base}/` }],
    items: entries.map((e) => ({
      id: e.id,
      url: e.htmlUrl,
      ...(e.sourceUrls[0] ? { external_url: e.sourceUrls[0] } : {}),
      title: e.title,
      content_text: e.text,
      date_published: e.updated,
      tags: [e.kind],
      language: 'fi',
      _amif: {
        projectId: e.projectId,
        version: e.version,
        kind: e.kind,
        fields: e.fields,
        sources: e.sourceUrls,
        json: e.url,
      },
    })),
  };
}

export const renderJsonFeedFile: Renderer = (ctx: RenderContext): OutputFile[] => [
  {
    key: 'v1/feed.json',
    body: jsonBody(jsonFeedDocument(feedEntriesOf(ctx), ctx.config)),
    contentType: CONTENT_TYPES.feedJson,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  },
];
