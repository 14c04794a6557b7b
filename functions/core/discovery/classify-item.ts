import { newsSubject, type PressLang, pressLangOfUrl } from '../sources/intermin-press';
import { RELEASE_HOSTS } from '../sources/listing-sources';
import { amifNameIn, otherFundsIn } from './fund-names';
import type { ListingItem } from './listing-item';

/** The Ministry of the Interior's id in the government portal's addresses (`/-/1410869/<slug>`). */
export const INTERMIN_PORTAL_ID = '1410869';

/** Why an item is not followed. */
export type PassReason =
  | 'malformed'
  | 'not-https'
  | 'host-not-followed'
  | 'not-a-release'
  | 'other-ministry'
  | 'not-about-the-fund'
  | 'other-fund'
  | 'applications';

export type ItemDecision =
  | {
      readonly kind: 'award-release';
      readonly url: string;
      readonly lang: PressLang;
      readonly organisation: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'passed';
      readonly why: PassReason;
      readonly url: string | null;
      readonly reason: string;
    };

/**
 * Whether a listing's item is an award release of the fund, and why (docs/discovery.md): a link
 * that resolves against the listing to an https address on a followed host, in the form of a
 * release (`/-/<slug>`, the portal's `/-/1410869/<slug>` for the Ministry of the Interior), whose
 * title or text names the fund in one of its names, and that is not news of a call or of the
 * applications received. Pure: the listing's URL is the only base.
 */
export function classifyItem(item: ListingItem, listingUrl: string): ItemDecision {
  const pass = (why: PassReason, reason: string, url: string | null = null): ItemDecision => ({
    kind: 'passed',
    why,
    url,
    reason,
  });
  if (!item.title || !item.link || !URL.canParse(item.link, listingUrl)) {
    return pass('malformed', `an item without a title or a usable link (${JSON.stringify(item.link)})`);
  }
  const parsed = new URL(item.link, listingUrl);
  parsed.hash = '';
  const url = parsed.href.replace(/\/+$/, '');
  if (parsed.protocol !== 'https:') return pass('not-https', 'the link is not https', url);
  const host = parsed.hostname.replace(/^www\./, '');
  if (!RELEASE_HOSTS.includes(host)) return pass('host-not-followed', `${host} is not a followed host`, url);
  // `/-/<slug>`, the portal's `/-/<ministry id>/<slug>`, and the older `/-/asset_publisher/<slug>`.
  const release = /\/-\/(?:asset_publisher\/|(\d+)\/)?[^/]+$/.exec(parsed.pathname);
  if (!release) return pass('not-a-release', 'the address is not that of a release (…/-/<slug>)', url);
  const portalId = release[1];
  if (portalId !== undefined && portalId !== INTERMIN_PORTAL_ID) {
    return pass('other-ministry', `another ministry's release (portal id ${portalId})`, url);
  }
  const text = `${item.title}\n${item.text}`;
  const amif = amifNameIn(text);
  if (!amif) {
    const others = otherFundsIn(text);
    return others.length > 0
      ? pass('other-fund', `about another fund (${others.join(', ')}), not AMIF`, url)
      : pass('not-about-the-fund', 'names no fund', url);
  }
  if (newsSubject(text) === 'applications') {
    return pass('applications', 'news of a call or of the applications received, not of awards', url);
  }
  return {
    kind: 'award-release',
    url,
    lang: pressLangOfUrl(url),
    organisation: host === 'migri.fi' ? 'migri' : 'intermin',
    reason: `names "${amif}"`,
  };
}
