/**
 * Proof that the reconstructed snapshot pages under seeds/pages/ reproduce the visible text of the
 * text dumps under seeds/text/ (the ground truth) and add nothing but the documented inferred lines.
 *
 * The visible text of <main> is extracted in document order: block elements end a line, <br> ends a
 * line, white space inside a line is collapsed. The dumps render list items with a marker that is not
 * page text: " • item" for <ul>, " 1. item" for <ol> (eusa-rahastot*.fi dumps) and a "-" line
 * followed by the item on its own line (Migri dump). The extractor emulates exactly that rendering for
 * <li> elements, so every dump line, marker included, must come out of the markup, and a bullet in the
 * dump can only be matched by a real <li> in the page.
 *
 * Each page is compared twice: "strict" collapses only ASCII white space, so every U+00A0 of the dump
 * must sit at the same place in the page; "loose" collapses all white space (\s, which includes
 * U+00A0) and trims, as the brief specifies.
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { RELEASE_2023_04_12_SV_URL } from '../../functions/core/sources/intermin-press';

const read = (relative: string): string => {
  const bytes = readFileSync(new URL(`../../${relative}`, import.meta.url));
  // fatal: throws on invalid UTF-8
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
};

type Marker = 'bullet' | 'dash-line' | 'none';
type Mode = 'strict' | 'loose';

/** The subset of the domhandler node interface the walker needs (domhandler is not a direct dependency). */
interface DomNode {
  readonly nodeType: number;
  readonly data?: string;
  readonly name?: string;
  readonly children?: readonly DomNode[];
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
const SKIP = new Set(['script', 'style', 'template', 'noscript']);

const normStrict = (s: string): string => s.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
const normLoose = (s: string): string => s.replace(/\s+/gu, ' ').trim();
const norm = (mode: Mode) => (mode === 'strict' ? normStrict : normLoose);

/** Visible text lines of <main>, in document order, with list markers rendered as in the dumps. */
function mainLines(html: string, marker: Marker, mode: Mode): string[] {
  const $ = cheerio.load(html);
  const main = $('main').get(0) as unknown as DomNode | undefined;
  if (main === undefined) throw new Error('page has no <main>');
  const n = norm(mode);
  const out: string[] = [];
  let buf = '';
  let pending = '';
  const flush = (): void => {
    const line = n(buf);
    buf = '';
    if (line === '') return;
    out.push(pending + line);
    pending = '';
  };
  const walk = (node: DomNode, list: { kind: 'ul' | 'ol'; count: number } | undefined): void => {
    if (node.nodeType === 3) {
      buf += node.data ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.name ?? '';
    if (SKIP.has(name)) return;
    if (name === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    let childList = list;
    if (name === 'ul' || name === 'ol') childList = { kind: name, count: 0 };
    if (name === 'li' && list !== undefined) {
      list.count += 1;
      if (marker === 'bullet') pending = list.kind === 'ol' ? `${list.count}. ` : '• ';
      if (marker === 'dash-line') out.push('-');
    }
    for (const child of node.children ?? []) walk(child, childList);
    if (block) flush();
  };
  walk(main, undefined);
  flush();
  return out;
}

function dumpLines(text: string, mode: Mode): string[] {
  const n = norm(mode);
  return text
    .split('\n')
    .map(n)
    .filter((l) => l !== '');
}

/**
 * Greedy in-order match of the dump lines against the page lines. Returns the first dump line that
 * could not be found (in order) and the page lines that are not dump lines.
 */
function compare(page: readonly string[], dump: readonly string[]): { missing?: string; extras: string[] } {
  const extras: string[] = [];
  let j = 0;
  for (const line of page) {
    if (j < dump.length && line === dump[j]) j += 1;
    else extras.push(line);
  }
  return j < dump.length ? { missing: dump[j], extras } : { extras };
}

interface PageCase {
  readonly page: string;
  readonly dump: string;
  readonly lang: string;
  readonly canonical: string;
  readonly h1: string;
  readonly marker: Marker;
  /** dump lines that are page chrome outside <main> (the skip link) */
  readonly dropFirstDumpLine: boolean;
  /** lines in <main> that are not in the dump, in document order */
  readonly inferred: readonly string[];
}

/**
 * Migri accordion blocks: schedule (verbatim from the dump) → title used. `table` is the row
 * of the ministry's 2021–2027 AMIF table (seeds/text/001_2bdd7d8e7020e5ec.txt) the title is taken
 * from, or null when the title is inferred from the block's own text.
 */
const MIGRI_BLOCKS: readonly { schedule: string; title: string; table: number | null }[] = [
  {
    schedule: '1.5.2023-30.4.2025',
    title: 'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
    table: 31,
  },
  {
    schedule: '1.11.2022–30.4.2025',
    title: 'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen',
    table: 67,
  },
  { schedule: '1.11.2023–31.1.2026', title: 'Ennakoiva maatieto (ENNACOI)', table: 53 },
  {
    schedule: 'Pysyvää Euroopan komission alaista toimintaa',
    title: 'Euroopan muuttoliikeverkosto (EMN)',
    table: null,
  },
  {
    schedule: '1.1.2023–31.12.2024',
    title: 'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen',
    table: 55,
  },
  { schedule: '1.1.2023-31.12.2025', title: 'Joustava turvapaikkamenettely', table: 5 },
  {
    schedule: '1.1.2023–31.12.2026',
    title: 'Kiintiöpakolaisasian UMA-toimintojen kehittäminen',
    table: null,
  },
  {
    schedule: '1.1.2023–31.12.2026. Optio allekirjoitettu jatkosta vuoteen 2028 asti.',
    title: 'Kiintiöpakolaisten kulttuuriorientaatiokoulutus',
    table: null,
  },
  {
    schedule: '1.5.2023–30.4.2024',
    title: 'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä',
    table: 18,
  },
  { schedule: '1.8.2024–31.7.2025', title: 'MOVE – sujuvan kuntaan muuton edistäminen', table: null },
  { schedule: '1.4.2023–31.3.2025', title: 'Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)', table: 172 },
  { schedule: '1.3.2023–28.2.2026', title: 'Tehokkaat oleskelulupaprosessit', table: 114 },
  {
    schedule: '1.4.2023–31.3.2025',
    title: 'UMA-kehitys ihmiskaupan uhrien auttamisjärjestelmän tilastointiin ja raportointiin',
    table: null,
  },
  {
    schedule: '1.1.2023–31.12.2024',
    title: 'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
    table: 192,
  },
  {
    schedule: '1.5.2023–30.4.2025',
    title: 'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
    table: 37,
  },
  {
    schedule: '1.1.2023–30.6.2025',
    title: 'VIS- ja IO-velvoitteiden toteutus UMA-järjestelmään',
    table: null,
  },
  { schedule: '1.1.2023–31.05.2024', title: 'VOK-valmius', table: 17 },
];

const PAGES: readonly PageCase[] = [
  {
    page: 'seeds/pages/eusa-amif-2014-so1.html',
    dump: 'seeds/text/000_5ec4df4245cfbdf3.txt',
    lang: 'fi',
    canonical: 'https://eusa-rahastot.fi/toimintaa-ja-tuloksia/rahoitetut-amif-hankkeet/erityistavoite-1',
    h1: 'Rahoitetut AMIF-hankkeet',
    marker: 'bullet',
    dropFirstDumpLine: false,
    // The page title is not part of the dump (the dump starts at the objective's heading).
    inferred: ['Rahoitetut AMIF-hankkeet'],
  },
  {
    page: 'seeds/pages/migri-hankkeet.html',
    dump: 'seeds/text/002_541f48748abfdb07.txt',
    lang: 'fi',
    canonical: 'https://migri.fi/hankkeet',
    h1: 'Hankkeet',
    marker: 'dash-line',
    dropFirstDumpLine: false,
    inferred: MIGRI_BLOCKS.map((b) => b.title),
  },
  {
    page: 'seeds/pages/intermin-press-2023-04-12-sv.html',
    dump: 'seeds/text/003_93faa538a611dd06.txt',
    lang: 'sv',
    canonical: RELEASE_2023_04_12_SV_URL,
    h1: 'Inrikesministeriet beviljar 10,4 miljoner euro EU-finansiering för utveckling av asylsystemet, främjande av integration och stöd till åtgärder för återvändande',
    marker: 'none',
    dropFirstDumpLine: true,
    inferred: [],
  },
  {
    page: 'seeds/pages/eusa-amif-fund.html',
    dump: 'seeds/text/004_fd0a2978fb450cf6.txt',
    lang: 'fi',
    canonical: 'https://eusa-rahastot2021.fi/turvapaikka-maahanmuutto-ja-kotouttamisrahasto-amif',
    h1: 'Turvapaikka-, maahanmuutto- ja kotouttamisrahasto AMIF',
    marker: 'bullet',
    dropFirstDumpLine: false,
    inferred: [],
  },
];

const dumpFor = (c: PageCase, mode: Mode): string[] => {
  const lines = dumpLines(read(c.dump), mode);
  return c.dropFirstDumpLine ? lines.slice(1) : lines;
};

describe.each(PAGES)('$page', (c) => {
  const html = read(c.page);
  const $ = cheerio.load(html);

  it('is a well-formed snapshot file (UTF-8, LF, doctype, lang, charset, title, canonical, escaped &)', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).not.toContain('\r');
    expect(html).not.toContain('\uFEFF');
    expect(html).toMatch(new RegExp(`<html lang="${c.lang}">`));
    expect(html).toContain('<meta charset="utf-8">');
    expect($('head title').text().trim()).not.toBe('');
    expect($('link[rel="canonical"]').length).toBe(1);
    expect($('link[rel="canonical"]').attr('href')).toBe(c.canonical);
    // every & starts a character reference
    expect(html).not.toMatch(/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/);
    expect($('main').length).toBe(1);
    expect($('main h1').length).toBe(1);
    expect(normLoose($('main h1').text())).toBe(c.h1);
    expect($('body > header, body header').length).toBeGreaterThan(0);
    expect($('footer').length).toBeGreaterThan(0);
  });

  it.each(['strict', 'loose'] as const)(
    'main text = dump lines in order + only the listed inferred lines (%s white space)',
    (mode) => {
      const page = mainLines(html, c.marker, mode);
      const { missing, extras } = compare(page, dumpFor(c, mode));
      expect(missing).toBeUndefined();
      expect(extras).toEqual(c.inferred);
    },
  );
});

describe('eusa-amif-2014-so1.html', () => {
  const html = read('seeds/pages/eusa-amif-2014-so1.html');
  const $ = cheerio.load(html);

  it('has 5 projects, each an h3 followed by a ul ending in the "Toteuttaja, dates, EU-tuki" bullet', () => {
    const h3 = $('main h3');
    expect(h3.length).toBe(5);
    const implementers = h3.toArray().map((el) => {
      const ul = $(el).next();
      expect(ul.is('ul')).toBe(true);
      const last = normLoose(ul.children('li').last().text());
      const m = /^(.+), (\d{1,2}\.\d{1,2}\.\d{4}) - (\d{1,2}\.\d{1,2}\.\d{4}), EU-tuki ([\d ]+) euroa$/u.exec(
        last,
      );
      expect(m, last).not.toBeNull();
      return m?.[1];
    });
    expect(implementers).toEqual([
      'Kuopion Setlementti Puijola ry',
      'Maahanmuuttovirasto',
      'Maahanmuuttovirasto',
      'Maahanmuuttovirasto',
      'Ahvenanmaan maakunnan hallitus',
    ]);
    expect($('main h2').length).toBe(4);
    expect(
      $('main h2')
        .toArray()
        .slice(1)
        .map((el) => normLoose($(el).text()).split(':')[0]),
    ).toEqual(['Kansallinen tavoite 1.1', 'Kansallinen tavoite 1.2', 'Kansallinen tavoite 1.3']);
  });

  it('keeps the TUVI line break and the impossible date 31.11.2021 verbatim', () => {
    const tuvi = $('main h3')
      .filter((_, el) => $(el).text().startsWith('TUVI-hanke'))
      .next('ul')
      .children('li')
      .first();
    expect(tuvi.find('br').length).toBe(1);
    expect($('main').text()).toContain(
      'Maahanmuuttovirasto,\u00a001.06.2020 - 31.11.2021,\u00a0EU-tuki\u00a0155 452 euroa',
    );
  });
});

describe('migri-hankkeet.html', () => {
  const html = read('seeds/pages/migri-hankkeet.html');
  const $ = cheerio.load(html);
  const table = read('seeds/text/001_2bdd7d8e7020e5ec.txt').split('\n');
  const buttons = $('main button[aria-controls]').toArray();

  it('has 17 accordion blocks, each with exactly one "Aikataulu:" paragraph, titled as documented', () => {
    expect(buttons.length).toBe(17);
    const seen = buttons.map((b) => {
      const panel = $(`#${$(b).attr('aria-controls') ?? ''}`);
      expect(panel.length).toBe(1);
      const schedule = panel
        .find('p')
        .toArray()
        .map((p) => normLoose($(p).text()))
        .filter((t) => t.startsWith('Aikataulu:'));
      expect(schedule.length).toBe(1);
      return { schedule: (schedule[0] ?? '').slice('Aikataulu: '.length), title: normLoose($(b).text()) };
    });
    expect(seen).toEqual(MIGRI_BLOCKS.map(({ schedule, title }) => ({ schedule, title })));
    const aikataulu = $('main p')
      .toArray()
      .filter((p) => normLoose($(p).text()).startsWith('Aikataulu:'));
    expect(aikataulu.length).toBe(17);
  });

  it('takes table titles verbatim from the named Maahanmuuttovirasto row of the ministry table', () => {
    for (const b of MIGRI_BLOCKS) {
      if (b.table === null) {
        expect(table.join('\n'), b.title).not.toContain(b.title);
        continue;
      }
      const row = table[b.table - 1] ?? '';
      expect(row.startsWith(`${b.title} Maahanmuuttovirasto `), `row ${b.table}`).toBe(true);
    }
  });

  it('keeps the real page order, which is alphabetical by title', () => {
    const titles = MIGRI_BLOCKS.map((b) => b.title);
    expect([...titles].sort(new Intl.Collator('fi').compare)).toEqual(titles);
  });

  it('passes the brief literal check: dump minus "-" lines, no list markers', () => {
    for (const mode of ['strict', 'loose'] as const) {
      const dump = dumpLines(read('seeds/text/002_541f48748abfdb07.txt'), mode).filter((l) => l !== '-');
      const { missing, extras } = compare(mainLines(html, 'none', mode), dump);
      expect(missing).toBeUndefined();
      expect(extras).toEqual(MIGRI_BLOCKS.map((b) => b.title));
    }
  });

  it('puts the blocks under the EUSA heading and the RRF section after them', () => {
    const headings = $('main h1, main h2, main h3')
      .toArray()
      .map((el) => `${el.tagName}:${normLoose($(el).text())}`);
    expect(headings).toEqual([
      'h1:Hankkeet',
      'h2:EU:n sisäasioiden rahastot (EUSA) 2021–2027',
      'h3:Maahanmuuttovirastossa käynnissä olevat hankkeet',
      'h2:EU:n elpymis- ja palautumistukiväline (RRF) 2021–2024',
      'h3:OLEDIGI-hankekokonaisuus',
    ]);
    // 8 "-" bullet lines in the dump = 8 <li>; the OLEDIGI "- item" lines are literal text, not <li>
    expect($('main li').length).toBe(8);
    expect($('main').text()).toContain(
      '- Koripohjainen raportointi 80/20-käsittelymallin seurannan tarpeiden mukaisesti',
    );
  });
});

describe('intermin-press-2023-04-12-sv.html', () => {
  const html = read('seeds/pages/intermin-press-2023-04-12-sv.html');
  const $ = cheerio.load(html);
  const main = normLoose($('main').text());

  it('has the skip link outside <main> and the publication metadata inside', () => {
    expect(normLoose($('body > a').first().text())).toBe('Hoppa till innehåll');
    expect($('main').text()).not.toContain('Hoppa till innehåll');
    const lines = mainLines(html, 'none', 'loose');
    expect(lines.slice(1, 4)).toEqual([
      'inrikesministeriet',
      'Utgivningsdatum 12.4.2023 15.31',
      'Pressmeddelande',
    ]);
  });

  it('mentions 19 amounts "(N euro" / "(N euro EU-finansiering)": 17 projects + 2 operative supports', () => {
    // The brief expected 17; the dump has 19 amounts (17 projekt och operativ verksamhet: the 17
    // projects plus operative support for Migri and for the Police), summing to the announced 10,4 M.
    const amounts = [...main.matchAll(/\((\d{1,3}(?: \d{3})*) euro(?: EU-finansiering)?\)/gu)].map((m) =>
      Number((m[1] ?? '').replaceAll(' ', '')),
    );
    expect(amounts.length).toBe(19);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(10_395_116);
    expect(main).toContain('till 17 projekt och operativ verksamhet');
  });

  it('reproduces the Cloudflare-obfuscated e-mail without inventing an address', () => {
    const a = $('main a.__cf_email__');
    expect(a.length).toBe(1);
    expect(a.attr('href')).toBe('/cdn-cgi/l/email-protection');
    expect(a.text()).toBe('[email\u00a0protected]');
    expect(html).not.toContain('@');
  });
});

describe('eusa-amif-fund.html', () => {
  const html = read('seeds/pages/eusa-amif-fund.html');
  const $ = cheerio.load(html);

  it('has the three objectives as an <ol>, the 67,9 M€ sentence, and two h2 sections with lists', () => {
    expect($('main ol > li').length).toBe(3);
    expect(normLoose($('main').text())).toContain(
      'Suomen AMIF-rahaston rahoitusosuus on 67,9 miljoonaa euroa ohjelmakaudella 2021-2027.',
    );
    expect($('main h2').length).toBe(2);
    expect(
      $('main ul')
        .toArray()
        .map((ul) => $(ul).children('li').length),
    ).toEqual([6, 5]);
  });
});
