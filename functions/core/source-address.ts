import type { SourceDescriptor } from './ports';

/**
 * Whether `href` is one of the source's own addresses (its URL or an alternate one), compared as
 * the site serves them: host case, a default port, a trailing slash and a fragment do not count.
 */
export function isSourceAddress(source: SourceDescriptor, href: string): boolean {
  const key = addressKey(href);
  return key !== null && [source.url, ...(source.alternateUrls ?? [])].some((u) => addressKey(u) === key);
}

function addressKey(href: string): string | null {
  if (!URL.canParse(href)) return null;
  const url = new URL(href);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}
