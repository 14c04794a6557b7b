import type { CheerioAPI } from 'cheerio';
import { PageLayoutError } from '../errors';
import { parseFinnishDate } from '../normalise/date';
import { collapseWhitespace } from '../normalise/text';
import { loadPage } from '../sources/load-page';
import type { ListingItem } from './listing-item';

/** "16.6.2026 | …" (intermin.fi's search), "Julkaisuajankohta 21.3.2024 11.26" (news lists), else a date up front. */
const DATE_FORMS: readonly RegExp[] = [
  /(\d{1,2}\.\d{1,2}\.\d{4})\s*\|/u,
  /(?:Julkaisuajankohta|Utgivningsdatum|Publication date)\s+(\d{1,2}\.\d{1,2}\.\d{4})/iu,
  /^\s*(\d{1,2}\.\d{1,2}\.\d{4})\b/u,
];

/**
 * The items of a search or news listing page: each list item or article in the page's `<main>`
 * (outside its navigation) that holds a link, with the link's text as the title, the item's text
 * as the snippet and the date it shows. Throws PageLayoutError when the page holds no such item:
 * a listing that changed shape is refused, never read as empty.
 */
export function parseListingPage(html: string, listingId: string): ListingItem[] {
  const $ = loadPage(html, listingId);
  const root = $('main').length > 0 ? $('main') : $('body');
  const items: ListingItem[] = [];
  root.find('li, article').each((_, element) => {
    const item = $(element);
    if (item.parents('nav, header, footer').length > 0 || item.find('li, article').length > 0) return;
    const link = item.find('a[href]').first();
    if (link.length === 0) return;
    const text = collapseWhitespace(item.text());
    const linkText = collapseWhitespace(link.text());
    items.push({
      title: titleOf(linkText, text),
      link: link.attr('href')?.trim() || null,
      date: itemDate(text),
      text,
    });
  });
  if (items.length === 0) {
    throw new PageLayoutError(
      listingId,
      'an RSS or Atom feed, or a listing page whose <main> lists linked items',
      describe($),
    );
  }
  return items;
}

/**
 * The link's text, unless it is only the address: intermin.fi's search shows a news item as
 * "date | lead" followed by its address, so the lead stands for the title there.
 */
function titleOf(linkText: string, itemText: string): string {
  if (linkText && !/^https?:\/\/\S+$/u.test(linkText)) return linkText;
  return collapseWhitespace(
    itemText.replace(linkText, ' ').replace(/^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*\|\s*/u, ''),
  );
}

function itemDate(text: string): string | null {
  for (const form of DATE_FORMS) {
    const found = form.exec(text);
    if (!found) continue;
    const date = parseFinnishDate(found[1]!);
    return date.ok ? date.iso : null;
  }
  return null;
}

function describe($: CheerioAPI): string {
  const title = collapseWhitespace($('title').first().text()) || collapseWhitespace($('h1').first().text());
  return title ? `a page titled "${title.slice(0, 80)}" without linked items` : 'a page without linked items';
}
