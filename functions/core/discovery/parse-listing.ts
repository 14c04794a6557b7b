import { parseFeed } from '@rowanmanning/feed-parser';
import { PageLayoutError } from '../errors';
import { helsinkiDay } from '../normalise/date';
import { collapseWhitespace } from '../normalise/text';
import type { ListingItem } from './listing-item';
import { parseListingPage } from './parse-listing-page';

/** A feed starts, after any XML declaration, comments or doctype, with <rss>, <feed> or <rdf:RDF>. */
const FEED_START =
  /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b/iu;

/**
 * The items of a listing: an RSS or Atom feed (read by @rowanmanning/feed-parser, see
 * docs/discovery.md), else a search or news listing page. Throws PageLayoutError when the body is
 * neither a feed that parses nor a page with linked items.
 */
export function parseListing(body: string, listingId: string): ListingItem[] {
  if (!FEED_START.test(body)) return parseListingPage(body, listingId);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(body);
  } catch (error) {
    throw new PageLayoutError(
      listingId,
      'an RSS or Atom feed',
      `XML that does not parse as one (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return feed.items.map((item) => ({
    title: plainText(item.title ?? ''),
    link: item.url,
    // The feed's timestamp is UTC; the release's date is the one it had in Finland.
    date: item.published ? helsinkiDay(item.published) : null,
    text: plainText(item.description ?? item.content ?? ''),
  }));
}

/**
 * The text of a feed's HTML field. The government's feed escapes its CDATA section along with the
 * HTML (`&lt;![CDATA[&lt;p&gt;…`), so the markers arrive as text and are dropped with the tags.
 */
function plainText(html: string): string {
  const text = html
    .replace(/<!\[CDATA\[|\]\]>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return collapseWhitespace(text);
}
