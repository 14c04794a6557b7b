import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../../functions/core/discovery/classify-item';
import { parseListing } from '../../../functions/core/discovery/parse-listing';
import { PageLayoutError } from '../../../functions/core/errors';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/listings/${name}`, import.meta.url), 'utf8');
const FEED = 'https://valtioneuvosto.fi/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss';
const SEARCH = 'https://intermin.fi/sv/sok?q=AMIF';
const FI_2022 =
  'https://intermin.fi/-/amif-rahastosta-lahes-6-miljoonaa-euroa-avustusta-turvapaikka-ja-maahanmuuttoasioihin';
const EUSA_2023 =
  'https://eusa-rahastot2021.fi/-/euroopan-yhteisen-turvapaikkajarjestelman-ja-laillisen-maahanmuuton-edistamiseen-' +
  'eu-rahoitusta-noin-4-3-miljoonaa-euroa';
const SV_2022 =
  'https://intermin.fi/sv/-/nastan-6-miljoner-euro-beviljas-ur-amif-fonden-for-asyl-och-migrationsfragor';

/** Each item as [decision, why or language, address, date]. */
function decisions(body: string, listingUrl: string) {
  return parseListing(body, 'listing').map((item) => {
    const d = classifyItem(item, listingUrl);
    return d.kind === 'award-release'
      ? [d.kind, d.lang, d.url, item.date]
      : [d.kind, d.why, d.url, item.date];
  });
}

describe('Listings: the government RSS feed (golden)', () => {
  it('reads titles, links and Helsinki dates, and the escaped CDATA HTML of descriptions as text', () => {
    const items = parseListing(fixture('vn-press-rss.xml'), 'vn-press-en');
    expect(items).toHaveLength(8);
    expect(items[0]).toEqual({
      title: 'AMIF-rahastosta lähes 6 miljoonaa euroa avustusta turvapaikka- ja maahanmuuttoasioihin',
      link: FI_2022,
      date: '2022-12-14',
      text: 'Sisäministeriö on myöntänyt avustusta turvapaikka-, maahanmuutto- ja kotouttamisrahastosta turvapaikka- ja maahanmuuttoasioiden hankkeille.',
    });
    // A relative link resolves against the feed's own address.
    expect(items[5]?.link).toBe(
      'https://valtioneuvosto.fi/en/-/1410877/proposal-to-change-residence-permit-for-startup-entrepreneurs-is-sent-out-for-comments',
    );
  });

  it('takes the AMIF awards in Finnish and Swedish, names why it passes over every other item', () => {
    expect(decisions(fixture('vn-press-rss.xml'), FEED)).toEqual([
      ['award-release', 'fi', FI_2022, '2022-12-14'],
      ['award-release', 'sv', SV_2022, '2022-12-14'],
      [
        'passed',
        'other-fund',
        'https://intermin.fi/-/isf-rahastosta-7-3-miljoonaa-euroa-avustusta-sisaisen-turvallisuuden-vahvistamiseen',
        '2022-12-14',
      ],
      ['award-release', 'fi', EUSA_2023, '2023-09-27'],
      [
        'passed',
        'applications',
        'https://eusa-rahastot.fi/-/amif-rahaston-haku-paattyi-eu-tukea-haetaan-35-hankkeeseen',
        '2020-01-24',
      ],
      [
        'passed',
        'other-ministry',
        'https://valtioneuvosto.fi/en/-/1410877/proposal-to-change-residence-permit-for-startup-entrepreneurs-is-sent-out-for-comments',
        null,
      ],
      ['passed', 'malformed', null, null],
      ['passed', 'malformed', null, null],
    ]);
  });

  it('recognises the fund by its name in an inflected form in the description when the title does not name it', () => {
    const [, , , item] = parseListing(fixture('vn-press-rss.xml'), 'vn-press-en');
    expect(classifyItem(item!, FEED)).toMatchObject({
      kind: 'award-release',
      reason: 'names "turvapaikka-, maahanmuutto- ja kotouttamisrahaston"',
    });
  });

  it('refuses XML that is not a feed, and reads an empty feed as empty', () => {
    expect(() => parseListing('<?xml version="1.0"?><rss><channel', 'vn-press-en')).toThrow(PageLayoutError);
    expect(
      parseListing('<rss version="2.0"><channel><title>x</title></channel></rss>', 'vn-press-en'),
    ).toEqual([]);
  });
});

describe('Listings: intermin.fi site search (golden)', () => {
  it('reads each result: the lead stands for the title of a news item, relative links resolve to the site', () => {
    expect(decisions(fixture('intermin-search-sv.html'), SEARCH)).toEqual([
      [
        'passed',
        'not-a-release',
        'https://intermin.fi/sv/flagga-och-vapen/information-om-flaggan/flaggans-historia',
        null,
      ],
      ['award-release', 'sv', SV_2022, '2022-12-14'],
      ['award-release', 'fi', FI_2022, '2022-12-14'],
      [
        'passed',
        'not-about-the-fund',
        'https://intermin.fi/en/-/police-students-may-be-appointed-to-police-reserve',
        '2026-05-28',
      ],
      [
        'award-release',
        'sv',
        'https://eusa-rahastot2021.fi/sv/-/bekanta-dig-med-nya-amif-projekt',
        '2024-03-21',
      ],
      ['award-release', 'fi', 'https://eusa-rahastot2021.fi/-/tutustu-uusiin-amif-hankkeisiin', '2024-03-21'],
      [
        'passed',
        'not-https',
        'http://eusa-rahastot.fi/-/amif-rahastosta-uusille-hankkeille-noin-4-5-miljoonaa-euroa',
        '2019-02-18',
      ],
      [
        'passed',
        'host-not-followed',
        'https://www.hbl.fi/artikel/migrationsverket-far-eu-stod-for-mottagande-av-asylsokande-fran-medelhavsomradet',
        null,
      ],
      ['passed', 'not-a-release', 'https://intermin.fi/delegate/file/230266', null],
    ]);
    const items = parseListing(fixture('intermin-search-sv.html'), 'intermin-search-sv');
    expect(items[1]?.title).toBe('Inrikesministeriet har beviljat nästan 6 miljoner euro ur AMIF-fonden.');
  });

  it('leaves out the navigation, and refuses a page that lists no linked item (a listing that changed shape)', () => {
    const page = fixture('intermin-search-sv.html');
    expect(parseListing(page, 'intermin-search-sv').some((i) => i.link === '/sv/aktuellt')).toBe(false);
    const empty = page.replace(/<ul class="search-results">[\s\S]*<\/ul>/, '<p>Inga resultat.</p>');
    expect(() => parseListing(empty, 'intermin-search-sv')).toThrow(
      'intermin-search-sv: page layout changed: expected an RSS or Atom feed, or a listing page whose <main> lists ' +
        'linked items, found a page titled "Sök - Inrikesministeriet" without linked items',
    );
  });
});
