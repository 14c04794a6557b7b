import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverReleases } from '../../../functions/core/discovery/discover-releases';
import { discoveredReleaseSource } from '../../../functions/core/discovery/discovered-source';
import { SourceFetchError } from '../../../functions/core/errors';
import type { DiscoveredRelease } from '../../../functions/core/model/discovered-release';
import type { PressOutput } from '../../../functions/core/model/source-output';
import type { PageFetcher } from '../../../functions/core/ports';
import {
  pressReleaseSource,
  RELEASE_2023_04_12_SV_URL,
} from '../../../functions/core/sources/intermin-press';
import { MAX_NEW_RELEASES_PER_LISTING } from '../../../functions/core/sources/listing-sources';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/listings/${name}`, import.meta.url), 'utf8');
const FEED = {
  id: 'vn-press-en',
  url: 'https://valtioneuvosto.fi/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss',
};
const SEARCH = { id: 'intermin-search-sv', url: 'https://intermin.fi/sv/sok?q=AMIF' };
const FI_2022 =
  'https://intermin.fi/-/amif-rahastosta-lahes-6-miljoonaa-euroa-avustusta-turvapaikka-ja-maahanmuuttoasioihin';
const SV_2022 =
  'https://intermin.fi/sv/-/nastan-6-miljoner-euro-beviljas-ur-amif-fonden-for-asyl-och-migrationsfragor';
const EUSA_2023 =
  'https://eusa-rahastot2021.fi/-/euroopan-yhteisen-turvapaikkajarjestelman-ja-laillisen-maahanmuuton-edistamiseen-eu-rahoitusta-noin-4-3-miljoonaa-euroa';
const T1 = '2026-12-01T04:00:00Z';

/** A fetcher that answers each URL with a body, a fetch error, or nothing (missing). */
function fetcher(pages: Record<string, string | Error>): PageFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(source) {
      asked.push(source.url);
      const page = pages[source.url];
      if (page instanceof Error) throw page;
      if (page === undefined) return { kind: 'missing', reason: `no page for ${source.url}` };
      return { kind: 'page', page: { body: page, url: source.url, etag: null, lastModified: null } };
    },
  };
}

const input = (
  f: PageFetcher,
  known: readonly DiscoveredRelease[] = [],
  max = MAX_NEW_RELEASES_PER_LISTING,
) => ({
  listings: [FEED, SEARCH],
  fetcher: f,
  known,
  configured: [],
  startedAt: T1,
  maxNewPerListing: max,
});

describe('Discovery: what the listings lead to', () => {
  it('keeps each award release once, a language version of one as part of it, and reads one per release', async () => {
    const f = fetcher({
      [FEED.url]: fixture('vn-press-rss.xml'),
      [SEARCH.url]: fixture('intermin-search-sv.html'),
    });
    const result = await discoverReleases(input(f));
    expect(result.added.map((d) => [d.sourceId, d.lang, d.date, d.listingId, d.versionOf])).toEqual([
      [expect.stringMatching(/^intermin-press-fi-[0-9a-f]{10}$/), 'fi', '2022-12-14', 'vn-press-en', null],
      [result.added[1]!.sourceId, 'sv', '2022-12-14', 'vn-press-en', result.added[0]!.sourceId],
      [result.added[2]!.sourceId, 'fi', '2023-09-27', 'vn-press-en', null],
      [result.added[3]!.sourceId, 'sv', '2024-03-21', 'intermin-search-sv', null],
      [result.added[4]!.sourceId, 'fi', '2024-03-21', 'intermin-search-sv', result.added[3]!.sourceId],
    ]);
    expect(result.added.map((d) => d.url)).toEqual([
      FI_2022,
      SV_2022,
      EUSA_2023,
      'https://eusa-rahastot2021.fi/sv/-/bekanta-dig-med-nya-amif-projekt',
      'https://eusa-rahastot2021.fi/-/tutustu-uusiin-amif-hankkeisiin',
    ]);
    expect(result.added.every((d) => d.firstSeenAt === T1 && d.organisation === 'intermin')).toBe(true);
    expect(result.sources.map((s) => s.url)).toEqual([
      FI_2022,
      EUSA_2023,
      'https://eusa-rahastot2021.fi/sv/-/bekanta-dig-med-nya-amif-projekt',
    ]);
    expect(result.reports.map((r) => [r.id, r.status, r.records])).toEqual([
      ['vn-press-en', 'ok', 3],
      ['intermin-search-sv', 'ok', 4],
    ]);
    const notes = result.reports[0]!.warnings;
    expect(notes).toContain(
      'vn-press-en: note: "ISF-rahastosta 7,3 miljoonaa euroa avustusta sisäisen turvallisuuden vahvistamiseen" ' +
        'https://intermin.fi/-/isf-rahastosta-7-3-miljoonaa-euroa-avustusta-sisaisen-turvallisuuden-vahvistamiseen: ' +
        'about another fund (ISF), not AMIF; not followed',
    );
    expect(notes).toContain(
      'vn-press-en: note: "AMIF-rahastosta lähes 6 miljoonaa euroa avustusta turvapaikka- ja maahanmuuttoasioihin" ' +
        `${FI_2022}: an award release (names "AMIF"); read as ${result.added[0]!.sourceId}`,
    );
    expect(notes.at(-1)).toBe(
      "vn-press-en: note: 1 of its 8 items name no fund or are another ministry's; passed over",
    );
    // The search lists the 14.12.2022 releases the feed already led to: nothing new, no second reading.
    expect(result.reports[1]!.warnings.filter((w) => w.includes('nastan-6-miljoner'))).toEqual([]);
  });

  it('adds at most the bound per listing and run, with a warning; the next run adds the rest', async () => {
    const f = fetcher({ [FEED.url]: fixture('vn-press-rss.xml') });
    const first = await discoverReleases({ ...input(f, [], 2), listings: [FEED] });
    expect(first.added.map((d) => d.url)).toEqual([FI_2022, SV_2022]);
    expect(first.reports[0]!.warnings).toContain(
      'vn-press-en: 1 more new releases than the 2 a listing may add in one run; the next run adds them',
    );
    const second = await discoverReleases({ ...input(f, first.added, 2), listings: [FEED] });
    expect(second.added.map((d) => d.url)).toEqual([EUSA_2023]);
    expect(second.reports[0]!.warnings.some((w) => w.includes('more new releases'))).toBe(false);
    expect(MAX_NEW_RELEASES_PER_LISTING).toBe(20);
  });

  it('a listing that fails, is refused or is missing forgets nothing: the releases found before are read', async () => {
    const found = await discoverReleases(input(fetcher({ [FEED.url]: fixture('vn-press-rss.xml') })));
    const known = found.added;
    const broken = fixture('intermin-search-sv.html').replace(/<ul class="search-results">[\s\S]*<\/ul>/, '');
    const f = fetcher({
      [FEED.url]: new SourceFetchError('vn-press-en', 'GET … : HTTP 503', true),
      [SEARCH.url]: broken,
    });
    const later = await discoverReleases(input(f, known));
    expect(later.reports.map((r) => [r.id, r.status])).toEqual([
      ['vn-press-en', 'failed'],
      ['intermin-search-sv', 'refused'],
    ]);
    expect(later.reports[0]!.warnings).toEqual([
      'vn-press-en: GET … : HTTP 503; the releases found before are read as always',
    ]);
    // The problem picks the listing's alarm, as for a page: unreachable here, moved for a 404.
    expect(later.reports[0]!.problem).toBe('unreachable');
    const gone = fetcher({
      [FEED.url]: new SourceFetchError('vn-press-en', 'GET … : HTTP 404', false, { problem: 'moved' }),
    });
    expect((await discoverReleases(input(gone, known))).reports[0]).toMatchObject({
      status: 'failed',
      problem: 'moved',
    });
    expect(later.added).toEqual([]);
    expect(later.sources.map((s) => s.url)).toEqual([FI_2022, EUSA_2023]);
    const missing = await discoverReleases(input(fetcher({}), known));
    expect(missing.reports.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(missing.sources.map((s) => s.id)).toEqual(later.sources.map((s) => s.id));
  });

  it('leaves a release configured by hand to its configuration', async () => {
    const f = fetcher({ [FEED.url]: fixture('vn-press-rss.xml') });
    const configured = [pressReleaseSource(FI_2022, 'intermin-press-2022-12-14-fi')];
    const result = await discoverReleases({ ...input(f), listings: [FEED], configured });
    expect(result.added.map((d) => d.url)).toEqual([SV_2022, EUSA_2023]);
    // The Swedish version is the configured Finnish one's only when the Finnish one was discovered.
    expect(result.added[0]!.versionOf).toBeNull();
    expect(result.sources.map((s) => s.url)).toEqual([SV_2022, EUSA_2023]);
  });
});

describe('Discovery: a discovered release about another fund', () => {
  const url =
    'https://intermin.fi/-/isf-rahastosta-7-3-miljoonaa-euroa-avustusta-sisaisen-turvallisuuden-vahvistamiseen';
  const release: DiscoveredRelease = {
    sourceId: 'intermin-press-fi-isf',
    url,
    lang: 'fi',
    title: 'ISF-rahastosta 7,3 miljoonaa euroa avustusta sisäisen turvallisuuden vahvistamiseen',
    date: '2022-12-14',
    organisation: 'intermin',
    listingId: 'vn-press-en',
    firstSeenAt: T1,
    versionOf: null,
  };

  it('is recognised and skipped with a note: no record, no mention to link, where the plain reader would announce two', () => {
    const html = fixture('intermin-isf-2022-12-14-fi.html');
    const plain = pressReleaseSource(url, 'intermin-press-fi-isf').extract(html) as PressOutput;
    expect(plain.drafts.map((d) => d.name)).toEqual(['Kyberosake', 'Cybercrime Exit 3']);
    const guarded = discoveredReleaseSource(release).extract(html) as PressOutput;
    expect(guarded.drafts).toEqual([]);
    expect(guarded.mentions).toEqual([]);
    expect(guarded.unnamedAwards).toEqual([]);
    expect(guarded.warnings).toEqual([
      'intermin-press-fi-isf: note: the release is about another fund (ISF), not AMIF ' +
        '("ISF-rahastosta 7,3 miljoonaa euroa avustusta sisäisen turvallisuuden vahvistamiseen"); ' +
        'nothing of it was linked or announced',
    ]);
  });

  it('reads an AMIF release as the press reader does', () => {
    const html = readFileSync(
      new URL('../../../seeds/pages/intermin-press-2023-04-12-sv.html', import.meta.url),
      'utf8',
    );
    const sv = RELEASE_2023_04_12_SV_URL;
    const id = 'intermin-press-2023-04-12-sv';
    const guarded = discoveredReleaseSource({ ...release, sourceId: id, url: sv, lang: 'sv' }).extract(html);
    expect(guarded).toEqual(pressReleaseSource(sv, id).extract(html));
    // 19 awards, 13 of them named: only those are drafts of their own.
    expect(guarded.drafts).toHaveLength(13);
  });
});
