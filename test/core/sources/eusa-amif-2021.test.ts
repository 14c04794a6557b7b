import { readFile } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import type { ProjectDraft } from '../../../functions/core/model/project';
import { eusaAmif2021, parseEusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';

const PAGE = new URL('../../../seeds/pages/eusa-amif-2021.html', import.meta.url);

describe('Source: eusa-amif-2021 (ministry table 2021–2027)', () => {
  let html: string;
  let drafts: ProjectDraft[];
  const byName = (prefix: string) => {
    const found = drafts.filter((d) => d.name.startsWith(prefix));
    expect(found, prefix).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    html = await readFile(PAGE, 'utf8');
    const output = eusaAmif2021.extract(html);
    drafts = output.drafts;
    expect(output.warnings).toEqual([]);
  });

  it('reads the ground truth of the dump: 47 projects, 26 057 656,23 €, objectives 13/30/4', () => {
    expect(drafts).toHaveLength(47);
    const cents = drafts.reduce((sum, d) => sum + Math.round(d.euFundingEur! * 100), 0);
    expect(cents).toBe(2_605_765_623);
    const perObjective = ['1', '2', '3'].map(
      (c) => drafts.filter((d) => d.specificObjective?.code === c).length,
    );
    expect(perObjective).toEqual([13, 30, 4]);
    expect(new Set(drafts.map((d) => d.id)).size).toBe(47);
    expect(drafts.every((d) => d.quality.length === 0)).toBe(true);
  });

  it('captures the page\'s own "Lista on päivitetty 5.3.2024" date', () => {
    expect(eusaAmif2021.extract(html).pageUpdated).toBe('2024-03-05');
  });

  it('keeps every field of ADERE as published, paragraphs separated by blank lines', () => {
    const adere = byName('ADERE');
    expect(adere).toMatchObject({
      programme: 'AMIF 2021-2027',
      fund: 'AMIF',
      name: 'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
      acronym: 'ADERE',
      beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
      specificObjective: { code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' },
      nationalObjective: null,
      euFundingEur: 1444708.32,
      startDate: '2023-05-01',
      endDate: '2025-04-30',
      listing: 'listed',
      sources: [{ id: 'eusa-amif-2021', url: 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet' }],
    });
    const paragraphs = adere.summary.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^ADERE-hankkeessa on tarkoitus uudistaa ulkomaalaisasioiden/);
    expect(paragraphs[2]).toBe('Hankkeen tuloksena on nopeampi ja laadukkaampi turvapaikkapäätösprosessi.');
  });

  it('reads amounts with one decimal and dates without padding', () => {
    expect(byName('Joustava turvapaikkamenettely')).toMatchObject({
      euFundingEur: 2200120.8,
      startDate: '2023-01-01',
      endDate: '2025-12-31',
    });
    expect(byName('Integration 2022')).toMatchObject({
      euFundingEur: 126107.4,
      startDate: '2022-04-10',
      endDate: '2023-01-13',
      beneficiary: { id: 'pirkanmaan-ely-keskus', name: 'Pirkanmaan ELY-keskus' },
    });
  });

  it('joins objective 3, whose name spans several lines in the cell', () => {
    const paluu = drafts.find((d) => d.name === 'Paluu')!;
    expect(paluu.specificObjective).toEqual({
      code: '3',
      name: 'Osallistutaan laittoman muuttoliikkeen torjuntaan, tehostetaan tehokasta, turvallista ja ihmisarvoista palauttamista ja takaisinottoa sekä edistetään alkuvaiheessa tapahtuvaa uudelleenkotouttamista kolmansissa maissa',
    });
    expect(paluu.euFundingEur).toBe(435152.08);
  });

  it('gives spelling variants of one beneficiary the same canonical id', () => {
    const hdl = drafts.filter((d) => d.beneficiary.id === 'helsingin-diakonissalaitoksen-saatio-sr');
    expect(new Set(hdl.map((d) => d.beneficiary.name))).toEqual(
      new Set(['Helsingin Diakonissalaitoksen säätiö sr.', 'Helsingin Diakonissalaitoksen Säätiö sr']),
    );
    expect(hdl).toHaveLength(5);
    const savethechildren = drafts.filter((d) => d.beneficiary.id === 'pelastakaa-lapset-ry');
    expect(savethechildren.map((d) => d.beneficiary.name).sort()).toEqual([
      'Pelastakaa Lapset ry',
      'Pelastakaa lapset ry',
    ]);
  });
});

describe('Source: eusa-amif-2021 against layout changes', () => {
  let html: string;
  beforeAll(async () => {
    html = await readFile(PAGE, 'utf8');
  });

  /** Rebuilds the page with the table's columns in another order. */
  function reorder(page: string, order: readonly number[]): string {
    const $ = cheerio.load(page);
    $('table tr').each((_, tr) => {
      const cells = $(tr).children('th, td').toArray();
      $(tr).empty();
      for (const i of order) $(tr).append(cells[i]!);
    });
    return $.html();
  }

  it('maps columns by header text, whatever their order', () => {
    const original = eusaAmif2021.extract(html).drafts;
    const shuffled = eusaAmif2021.extract(reorder(html, [6, 4, 0, 3, 2, 5, 1])).drafts;
    expect(shuffled).toEqual(original);
  });

  it('finds the header row when it is the first row of <tbody>', () => {
    const $ = cheerio.load(html);
    const headerRow = $('thead tr').first();
    headerRow.find('th').each((_, th) => {
      (th as { name: string }).name = 'td';
    });
    $('tbody').prepend(headerRow);
    $('thead').remove();
    expect(eusaAmif2021.extract($.html()).drafts).toHaveLength(47);
  });

  it('refuses a page whose table lost a required column, naming the column', () => {
    const $ = cheerio.load(html);
    $('table tr').each((_, tr) => {
      $(tr).children('th, td').eq(4).remove();
    });
    expect(() => parseEusaAmif2021($.html())).toThrow(PageLayoutError);
    expect(() => parseEusaAmif2021($.html())).toThrow(
      /eusa-amif-2021: .*expected the columns "EU-rahoitus \(euroa\)"/,
    );
  });

  it('refuses a page with no table at all', () => {
    const $ = cheerio.load(html);
    $('table').remove();
    expect(() => parseEusaAmif2021($.html())).toThrow(
      /eusa-amif-2021: page layout changed: expected a table with the columns .* found no table/,
    );
  });

  it('keeps an impossible date and an unreadable amount raw, with quality flags, and still publishes the project', () => {
    const $ = cheerio.load(html);
    const row = $('tbody tr').first();
    const cells = row.children('td');
    cells.eq(4).text('noin 2 miljoonaa');
    cells.eq(6).text('31.11.2025');
    const first = eusaAmif2021.extract($.html()).drafts.find((d) => d.name === $(cells[0]).text().trim())!;
    expect(first.euFundingEur).toBeNull();
    expect(first.endDate).toBeNull();
    expect(first.quality).toEqual([
      {
        code: 'invalid-amount',
        field: 'euFundingEur',
        message: 'expected a euro amount such as "1 153 584,12"',
        raw: 'noin 2 miljoonaa',
        source: 'eusa-amif-2021',
      },
      {
        code: 'invalid-date',
        field: 'endDate',
        message: 'expected an existing date written D.M.YYYY',
        raw: '31.11.2025',
        source: 'eusa-amif-2021',
      },
    ]);
  });
});
