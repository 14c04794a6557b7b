import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderSite } from '../../../../functions/core/render/site/render-site';
import { renderSubscriberFeeds } from '../../../../functions/core/render/subscriber-feeds';
import { contextFor, seedRecords } from '../../../helpers/site-fixture';

/** A relative link from a page resolved to an object key. */
function keyOf(pageKey: string, href: string): string {
  return new URL(href, `https://x/${pageKey}`).pathname.slice(1);
}

describe('links to the per-subscriber feeds', () => {
  const ctx = contextFor(seedRecords());
  const site = renderSite(ctx);
  const feeds = new Set(renderSubscriberFeeds(ctx).map((f) => f.key));
  const page = (key: string) => cheerio.load(String(site.find((f) => f.key === key)!.body));

  it.each([
    ['index.html', 'Seuraa'],
    ['sv/index.html', 'Följ'],
    ['en/index.html', 'Follow'],
  ])(
    '%s has a "Follow" section, in its table of contents, linking every objective and programme feed',
    (key, heading) => {
      const $ = page(key);
      expect($('#follow h2').text()).toBe(heading);
      expect($(`nav.toc a[href="#follow"]`).text()).toBe(heading);
      const linked = $('#follow a')
        .toArray()
        .map((a) => keyOf(key, $(a).attr('href')!));
      expect(linked).toEqual([
        'v1/feeds/objective/1.atom',
        'v1/feeds/objective/1.json',
        'v1/feeds/objective/2.atom',
        'v1/feeds/objective/2.json',
        'v1/feeds/objective/3.atom',
        'v1/feeds/objective/3.json',
        'v1/feeds/programme/amif-2021-2027.atom',
        'v1/feeds/programme/amif-2021-2027.json',
      ]);
      for (const k of linked) expect(feeds.has(k), k).toBe(true);
    },
  );

  it("announces the project's beneficiary and objective feeds in each project page's head", () => {
    const adere = seedRecords().find((r) => r.acronym === 'ADERE')!;
    for (const key of [`projects/${adere.id}.html`, `en/projects/${adere.id}.html`]) {
      const $ = page(key);
      const links = $('head link[rel="alternate"][type="application/atom+xml"]')
        .toArray()
        .map((l) => [keyOf(key, $(l).attr('href')!), $(l).attr('title')]);
      expect(links).toEqual([
        ['v1/feed.atom', key.startsWith('en/') ? 'Change feed (Atom)' : 'Muutossyöte (Atom)'],
        [
          'v1/feeds/beneficiary/maahanmuuttovirasto.atom',
          key.startsWith('en/')
            ? 'Projects of Maahanmuuttovirasto (Atom)'
            : 'Tuensaajan Maahanmuuttovirasto hankkeet (Atom)',
        ],
        [
          'v1/feeds/objective/1.atom',
          key.startsWith('en/')
            ? 'Projects of specific objective 1, 2021–2027 (Atom)'
            : 'Erityistavoitteen 1 hankkeet 2021–2027 (Atom)',
        ],
      ]);
      for (const [k] of links) if (k!.startsWith('v1/feeds/')) expect(feeds.has(k!), k).toBe(true);
    }
  });
});
