import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../../functions/core/diff';
import { PageLayoutError } from '../../../functions/core/errors';
import type { RunRef } from '../../../functions/core/model/history';
import type { ProjectDraft } from '../../../functions/core/model/project';
import { isSourceAddress } from '../../../functions/core/source-address';
import {
  eusaAmif2014So1,
  eusaAmif2014So2,
  eusaAmif2014So3,
  parseDetailLine,
} from '../../../functions/core/sources/eusa-amif-2014';
import { realText } from '../../fixtures/pages/real-pages';

const SO1_URL = 'https://eusa-rahastot.fi/toimintaa-ja-tuloksia/rahoitetut-amif-hankkeet/erityistavoite-1';
const seed = readFileSync(new URL('../../../seeds/pages/eusa-amif-2014-so1.html', import.meta.url), 'utf8');

/** A synthetic page in the formats the brief quotes; every name and text in it is made up. */
function page(body: string): string {
  return `<!DOCTYPE html><html lang="fi"><body><nav><h2>Valikko</h2></nav><main><h1>Rahoitetut AMIF-hankkeet</h1>${body}</main><footer><p>Sisäministeriö</p></footer></body></html>`;
}

describe('Source eusa-amif-2014-so1: the bundled snapshot', () => {
  const output = eusaAmif2014So1.extract(seed);

  it('reads the 5 projects with their national objectives, no warnings', () => {
    expect(output).toMatchObject({
      kind: 'projects',
      sourceId: 'eusa-amif-2014-so1',
      url: SO1_URL,
      pageUpdated: null,
    });
    expect(output.warnings).toEqual([]);
    expect(output.drafts.map((d) => [d.name, d.nationalObjective])).toEqual([
      [
        'Turvapaikkaa hakevien naisten ja tyttöjen sukupuolistuneen väkivallan kokemusten tunnistamisen ja kokemusten käsittelyyn tarvittavan tuen vahvistaminen',
        '1.1',
      ],
      [
        'TUVI-hanke - Turvapaikkaprosessin vireillepanovaiheen uudistaminen tietojärjestelmätyökaluja kehittämällä',
        '1.1',
      ],
      ['Psyyke-hanke', '1.1'],
      ['SOPU - Soveltamisohjeprosessin uudistamishanke', '1.2'],
      ['Turvasatama-hanke', '1.3'],
    ]);
  });

  it('gives every record the programme, the objective from the page heading and the values of dump 000', () => {
    for (const d of output.drafts) {
      expect(d).toMatchObject({
        programme: 'AMIF 2014-2020',
        fund: 'AMIF',
        specificObjective: {
          code: '1',
          name: 'Yhteisen eurooppalaisen turvapaikkajärjestelmän vahvistaminen ja kehittäminen',
        },
        listing: 'listed',
        sources: [{ id: 'eusa-amif-2014-so1', url: SO1_URL }],
        website: null,
        migri: null,
        announcements: [],
      });
      expect(d.id).toMatch(/^amif14-[0-9a-f]{10}$/);
    }
    expect(
      output.drafts.map((d) => [d.acronym, d.beneficiary, d.startDate, d.endDate, d.euFundingEur]),
    ).toEqual([
      [
        null,
        { id: 'kuopion-setlementti-puijola-ry', name: 'Kuopion Setlementti Puijola ry' },
        '2020-06-01',
        '2021-12-31',
        78438,
      ],
      ['TUVI', { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' }, '2020-06-01', null, 155452],
      [null, { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' }, '2019-03-01', '2021-06-30', 142476],
      [
        'SOPU',
        { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
        '2019-09-01',
        '2021-03-31',
        149035,
      ],
      [
        null,
        { id: 'ahvenanmaan-maakunnan-hallitus', name: 'Ahvenanmaan maakunnan hallitus' },
        '2018-03-15',
        '2021-03-14',
        286885,
      ],
    ]);
    expect(output.drafts.reduce((sum, d) => sum + d.euFundingEur!, 0)).toBe(812286);
  });

  it("flags TUVI's impossible end date 31.11.2021 with the raw text and keeps the project", () => {
    const tuvi = output.drafts.find((d) => d.acronym === 'TUVI')!;
    expect(tuvi.endDate).toBeNull();
    expect(tuvi.quality).toEqual([
      {
        code: 'invalid-date',
        field: 'endDate',
        message:
          '"31.11.2021" is not a date on the calendar (the period reads "01.06.2020 - 31.11.2021"); expected d.m.yyyy',
        raw: '31.11.2021',
        source: 'eusa-amif-2014-so1',
      },
    ]);
    expect(output.drafts.filter((d) => d.quality.length > 0)).toHaveLength(1);
  });

  it('keeps the description as paragraphs, the TUVI line break included', () => {
    const tuvi = output.drafts.find((d) => d.acronym === 'TUVI')!;
    expect(tuvi.summary.split('\n\n')).toHaveLength(2);
    expect(tuvi.summary).toMatch(
      /^Hankkeessa kehitetään sujuvampi .* oikeuksien toteutumisen\.\n\nHankkeessa uudistetaan /s,
    );
    const turvasatama = output.drafts.at(-1)!;
    expect(turvasatama.summary.startsWith('Turvasatama-hankeen tavoitteena on parantaa valmiuksia')).toBe(
      true,
    );
  });
});

describe('Source eusa-amif-2014-so2: the snapshot built from the fixture of the real page', () => {
  // seeds/pages/eusa-amif-2014-so2.html holds the text of test/fixtures/pages/eusa2014-so2-b.txt, which
  // reproduces the real page's facts and forms in our words and ends, as the stored copy does, after the
  // first project's details line.
  const so2 = readFileSync(new URL('../../../seeds/pages/eusa-amif-2014-so2.html', import.meta.url), 'utf8');
  const output = eusaAmif2014So2.extract(so2);

  it('reads objective 2, the section that says it has no projects, and Arjen apu with its labelled details', () => {
    expect(output.warnings).toEqual([]);
    expect(
      output.drafts.map((d) => [
        d.name,
        d.nationalObjective,
        d.beneficiary.id,
        d.startDate,
        d.endDate,
        d.euFundingEur,
      ]),
    ).toEqual([['Arjen apu-hanke', '2.2', 'lab-ammattikorkeakoulu-oy', '2020-09-01', '2022-12-31', null]]);
    expect(output.drafts[0]!.specificObjective).toEqual({
      code: '2',
      name: 'Kotouttaminen ja laillinen maahanmuutto',
    });
    expect(output.drafts[0]!.quality.map((q) => `${q.code}:${q.field}`)).toEqual([
      'missing-field:euFundingEur',
    ]);
    expect(output.drafts[0]!.summary).toMatch(
      /^Hanke tukee maahanmuuttajien kotoutumista .* omakielisiä työntekijöitä ja tulkkeja\.$/,
    );
  });

  it('holds the fixture text verbatim: every line of eusa2014-so2-b.txt is in the snapshot', () => {
    const copy = realText({ file: 'eusa2014-so2-b.txt' });
    for (const line of copy.split('\n').filter((l) => l.trim())) {
      expect(so2).toContain(line.replace(/^ • /, '').replace(/&/g, '&amp;'));
    }
  });
});

describe('Source eusa-amif-2014: the two bullet formats and what else a page may say', () => {
  it('reads the first format, with no-break spaces and without an amount', () => {
    expect(
      parseDetailLine(
        'Kuopion Setlementti Puijola ry, 01.06.2020 - 31.12.2021, EU-tuki\u00a078 438 euroa\u00a0',
      ),
    ).toEqual({
      beneficiary: 'Kuopion Setlementti Puijola ry',
      period: '01.06.2020 - 31.12.2021',
      amount: '78 438 euroa',
    });
    expect(parseDetailLine('Elinkeino-, liikenne- ja ympäristökeskus, 1.1.2019 – 31.12.2020')).toEqual({
      beneficiary: 'Elinkeino-, liikenne- ja ympäristökeskus',
      period: '1.1.2019 – 31.12.2020',
      amount: null,
    });
    expect(parseDetailLine('Hankkeessa kehitetään koulutusta.')).toBeNull();
  });

  it('reads the second format, labelled, on one line or several', () => {
    expect(
      parseDetailLine(
        'Hankkeen toteuttaja: LAB Ammattikorkeakoulu oy, Toteutusaika: 01.09.2020 - 31.12.2022',
      ),
    ).toEqual({
      beneficiary: 'LAB Ammattikorkeakoulu oy',
      period: '01.09.2020 - 31.12.2022',
      amount: null,
    });
  });

  it('reads the labelled parts in any order, and "EU-tuen määrä:" as the objective-3 page writes it', () => {
    // The detail line of the real objective-3 page, as the issue quotes it (no copy of that page was found).
    expect(
      parseDetailLine('Maahanmuuttovirasto, 01.02.2021 - 31.12.2022, EU-tuen määrä: 330 776 euroa.'),
    ).toEqual({
      beneficiary: 'Maahanmuuttovirasto',
      period: '01.02.2021 - 31.12.2022',
      amount: '330 776 euroa',
    });
    const expected = {
      beneficiary: 'LAB Ammattikorkeakoulu oy',
      period: '01.09.2020 - 31.12.2022',
      amount: '5 euroa',
    };
    for (const line of [
      'Hankkeen toteuttaja: LAB Ammattikorkeakoulu oy, Toteutusaika: 01.09.2020 - 31.12.2022, EU-tuen määrä: 5 euroa',
      'Toteutusaika: 01.09.2020 - 31.12.2022, EU-tuen määrä: 5 euroa, Hankkeen toteuttaja: LAB Ammattikorkeakoulu oy',
      'EU-tuen määrä: 5 euroa; Hankkeen toteuttaja: LAB Ammattikorkeakoulu oy; Toteutusaika: 01.09.2020 - 31.12.2022.',
    ]) {
      expect(parseDetailLine(line)).toEqual(expected);
    }
    expect(parseDetailLine('Hanke toteutetaan 1.1.2020 - 31.12.2021 välisenä aikana.')).toBeNull();
    expect(parseDetailLine('Hankkeen toteuttaja on Turun kaupunki.')).toBeNull();
  });

  it('reads a synthetic page of the second format with its "Hankkeen kuvaus:" and a "Katso lisää" link', () => {
    const html = page(`
      <h2>Laillinen maahanmuutto ja kotoutuminen</h2>
      <h2>Kansallinen tavoite 2.2: Kotoutuminen</h2>
      <p>Kansallisen tavoitteen 2.2 puitteissa tuettavat toimet (synteettinen esimerkki).</p>
      <h3>Esimerkkihanke – Kotoutumisen polut</h3>
      <ul>
        <li>Hankkeen toteuttaja: LAB Ammattikorkeakoulu oy, Toteutusaika: 01.09.2020 - 31.12.2022</li>
        <li>Hankkeen kuvaus: Hankkeessa kehitetään kotoutumisen polkuja.<br>Toinen kappale kuvauksesta.</li>
        <li>Katso lisää hankkeesta <a href="/hankkeet/esimerkkihanke">hankkeen sivuilta</a></li>
      </ul>`);
    const output = eusaAmif2014So2.extract(html);
    expect(output.warnings).toEqual([]);
    expect(output.drafts).toHaveLength(1);
    expect(output.drafts[0]).toMatchObject({
      name: 'Esimerkkihanke – Kotoutumisen polut',
      programme: 'AMIF 2014-2020',
      specificObjective: { code: '2', name: 'Laillinen maahanmuutto ja kotoutuminen' },
      nationalObjective: '2.2',
      beneficiary: { id: 'lab-ammattikorkeakoulu-oy', name: 'LAB Ammattikorkeakoulu oy' },
      startDate: '2020-09-01',
      endDate: '2022-12-31',
      euFundingEur: null,
      summary: 'Hankkeessa kehitetään kotoutumisen polkuja.\n\nToinen kappale kuvauksesta.',
      website: 'https://eusa-rahastot.fi/hankkeet/esimerkkihanke',
      sources: [{ id: 'eusa-amif-2014-so2', url: `${SO1_URL.slice(0, -1)}2` }],
    });
    expect(output.drafts[0]!.quality).toEqual([
      {
        code: 'missing-field',
        field: 'euFundingEur',
        message: 'the details give no EU funding amount',
        raw: null,
        source: 'eusa-amif-2014-so2',
      },
    ]);
  });

  it('yields nothing, without a warning, for a section that says it has no projects', () => {
    const html = page(`
      <h2>Paluu</h2>
      <h2>Kansallinen tavoite 3.1: Paluun tukitoimet</h2>
      <p>Tavoitteen 3.1 kuvaus (synteettinen).</p>
      <p>Kansallisessa tavoitteessa 3.1 ei ole tällä hetkellä voimassa olevia rahoitettuja hankkeita.</p>
      <h2>Kansallinen tavoite 3.2: Paluuoperaatiot</h2>
      <p><strong>Esimerkkipaluuhanke</strong></p>
      <p>Hankkeessa tuetaan vapaaehtoista paluuta (synteettinen).</p>
      <p>Esimerkkijärjestö ry, 1.1.2019 - 31.12.2020, EU-tuki 10 000 euroa</p>`);
    const output = eusaAmif2014So3.extract(html);
    expect(output.warnings).toEqual([]);
    expect(
      output.drafts.map((d) => [d.name, d.nationalObjective, d.euFundingEur, d.specificObjective?.code]),
    ).toEqual([['Esimerkkipaluuhanke', '3.2', 10000, '3']]);
  });

  it('reads the same projects when headings are bold paragraphs and bullets are paragraphs', () => {
    const restyled = seed
      .replace(/<h3>(.*?)<\/h3>/g, '<p><strong>$1</strong></p>')
      .replace(/<\/?ul>/g, '')
      .replace(/<li><p>(.*?)<\/p><\/li>/gs, '<p>$1</p>');
    expect(restyled).not.toContain('<h3>');
    const before = eusaAmif2014So1.extract(seed);
    const after = eusaAmif2014So1.extract(restyled);
    expect(after.drafts).toEqual(before.drafts);
  });

  it('warns about a section that lists nothing and does not say so', () => {
    const html = page(`
      <h2>Kansallinen tavoite 1.1: Vastaanotto</h2>
      <h3>Hanke A</h3><ul><li>Kuvaus A.</li><li>Järjestö A ry, 1.1.2019 - 31.12.2020, EU-tuki 1 000 euroa</li></ul>
      <h2>Kansallinen tavoite 1.2: Arviointi</h2>
      <p>Tavoitteen kuvaus.</p>`);
    expect(eusaAmif2014So1.extract(html).warnings).toEqual([
      'eusa-amif-2014-so1: national objective 1.2 lists no projects and does not say that it has none',
    ]);
  });

  it('refuses a page without national-objective sections, naming what it expected and found', () => {
    const html = page('<h2>Hankkeet</h2><p>Sivu on uudistunut.</p>');
    expect(() => eusaAmif2014So1.extract(html)).toThrow(PageLayoutError);
    expect(() => eusaAmif2014So1.extract(html)).toThrow(
      /^eusa-amif-2014-so1: page layout changed: expected sections headed "Kansallinen tavoite 1\.N: …" .* found the headings "Rahoitetut AMIF-hankkeet", "Hankkeet"$/,
    );
  });

  it('refuses a page whose project headings have no details line', () => {
    const html = page(`
      <h2>Kansallinen tavoite 1.1: Vastaanotto</h2>
      <h3>Hanke A</h3><p>Vain kuvaus, ei toteuttajaa.</p>`);
    expect(() => eusaAmif2014So1.extract(html)).toThrow(
      /found 1 national-objective sections whose 1 headings have no details line \(e\.g\. "Hanke A"\)/,
    );
  });

  it('configures each objective at the address its copy was found under, the other path form accepted', () => {
    const short = 'https://eusa-rahastot.fi/rahoitetut-amif-hankkeet/erityistavoite-';
    expect(
      [eusaAmif2014So1, eusaAmif2014So2, eusaAmif2014So3].map((s) => [s.id, s.url, s.alternateUrls]),
    ).toEqual([
      ['eusa-amif-2014-so1', SO1_URL, [`${short}1`]],
      ['eusa-amif-2014-so2', `${SO1_URL.slice(0, -1)}2`, [`${short}2`]],
      ['eusa-amif-2014-so3', `${short}3`, [`${SO1_URL.slice(0, -1)}3`]],
    ]);
    expect(isSourceAddress(eusaAmif2014So3, `${SO1_URL.slice(0, -1)}3/`)).toBe(true);
    expect(isSourceAddress(eusaAmif2014So3, `${short}2`)).toBe(false);
  });
});

describe('Source eusa-amif-2014-so3: the two stored versions of the objective-3 page', () => {
  const SO3_URL = 'https://eusa-rahastot.fi/rahoitetut-amif-hankkeet/erityistavoite-3';

  it('reads the version that lists MAP first (the Finnish page, bundled snapshot): MAP exactly as the page gives it', () => {
    const so3 = readFileSync(
      new URL('../../../seeds/pages/eusa-amif-2014-so3.html', import.meta.url),
      'utf8',
    );
    const output = eusaAmif2014So3.extract(so3);
    expect(output).toMatchObject({
      sourceId: 'eusa-amif-2014-so3',
      url: SO3_URL,
      pageUpdated: null,
      warnings: [],
    });
    expect(output.drafts).toHaveLength(1);
    expect(output.drafts[0]).toMatchObject({
      id: 'amif14-e95d62a63f',
      programme: 'AMIF 2014-2020',
      name: 'Mahdollisuutena paluu - MAP',
      beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
      specificObjective: { code: '3', name: 'Paluu' },
      nationalObjective: '3.1',
      euFundingEur: 330776,
      startDate: '2021-02-01',
      endDate: '2022-12-31',
      sources: [{ id: 'eusa-amif-2014-so3', url: SO3_URL }],
      quality: [],
    });
  });

  it('refuses the version that lists RETU first (the Swedish page) by name, since its labels are not the Finnish ones it reads', () => {
    const sv = readFileSync(
      new URL('../../fixtures/pages/eusa2014-so3-sv-retu-first.html', import.meta.url),
      'utf8',
    );
    expect(() => eusaAmif2014So3.extract(sv)).toThrow(PageLayoutError);
    expect(() => eusaAmif2014So3.extract(sv)).toThrow(
      'found the headings "Återvändande", "Nationellt mål 3.1: Åtgärder relaterade till återvändande", ' +
        '"RETU - Frivilligt återvändande som möjlighet", "VAPA 2 – Effektivisering av styrningen för frivilligt återvändande"',
    );
    // Its details bullet is the objective-1 form, which the reader knows once the labels are Finnish.
    expect(parseDetailLine('Maahanmuuttovirasto, 01.10.2019 - 31.12.2020, EU-tuki 149 696 euroa')).toEqual({
      beneficiary: 'Maahanmuuttovirasto',
      period: '01.10.2019 - 31.12.2020',
      amount: '149 696 euroa',
    });
  });
});

describe('Source eusa-amif-2014: the versions of the real pages (fixtures in our own words, real facts)', () => {
  const fixture = (name: string) =>
    readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');
  const early = eusaAmif2014So1.extract(fixture('eusa2014-so1-2019.html'));
  const withLinks = eusaAmif2014So1.extract(fixture('eusa2014-so1-links.html'));
  const row = (d: ProjectDraft) => [d.name, d.beneficiary.name, d.startDate, d.endDate, d.euFundingEur];

  it('reads the early objective-1 version: five projects, KUVAKO flagged for an end before its start', () => {
    expect(early.warnings).toEqual([]);
    expect(early.drafts.map(row)).toEqual([
      ['TURVA-hanke', 'Oulun vastaanottokeskus', '2017-02-01', '2019-01-31', 379547],
      ['TERTTU-hanke', 'Terveyden ja hyvinvoinnin laitos', '2017-02-28', '2019-09-30', 630000],
      ['KUVAKO-hanke', 'Suomen Humanistinen Ammattikorkeakoulu', '2017-02-06', '2012-01-20', 346125],
      ['AsylE-Service', 'Maahanmuuttovirasto', '2017-10-01', '2018-12-31', 300000],
      ['Lapset puheeksi-hanke', 'Maahanmuuttovirasto', '2017-08-01', '2020-07-31', 232766],
    ]);
    expect(early.drafts.flatMap((d) => d.quality.map((q) => `${d.name}:${q.code}:${q.field}`))).toEqual([
      'KUVAKO-hanke:end-before-start:endDate',
    ]);
  });

  it('reads the link-bullet version: the link bullets are neither description nor details', () => {
    expect(withLinks.warnings).toEqual([]);
    expect(withLinks.drafts.map(row)).toEqual([
      ['TURVA-hanke', 'Oulun vastaanottokeskus', '2017-02-01', '2019-01-31', 379548],
      ['TERTTU-hanke', 'Terveyden ja hyvinvoinnin laitos', '2017-02-28', '2019-09-30', 630000],
    ]);
    for (const d of withLinks.drafts) {
      expect(d.summary).not.toMatch(/Lue lisää|Tutustu hankkeeseen/);
      expect(d.summary).toMatch(/\.$/);
      // The copy keeps the links' words, not their targets: no website is made up.
      expect(d.website).toBeNull();
      expect(d.quality).toEqual([]);
    }
  });

  it("takes a link bullet's target as the website when the page gives one (synthetic page)", () => {
    const html = page(`
      <h2>Kansallinen tavoite 1.1: Vastaanotto</h2>
      <h3>Esimerkkihanke</h3>
      <ul><li>Kuvaus (synteettinen).</li><li>Järjestö A ry, 1.1.2019 - 31.12.2020, EU-tuki 1 000 euroa</li>
      <li><a href="https://example.org/esimerkki">Lue lisää maahanmuuttoviraston sivuilta</a></li>
      <li><a href="https://example.org/toinen">Tutustu hankkeeseen THL:n sivuilla</a></li></ul>`);
    const [d] = eusaAmif2014So1.extract(html).drafts;
    expect(d).toMatchObject({ summary: 'Kuvaus (synteettinen).', website: 'https://example.org/esimerkki' });
  });

  it('keeps one project across the two versions: 379 547 → 379 548 is one change event with both values', () => {
    const at = (t: string): RunRef => ({
      runId: t,
      at: t,
      sources: [{ id: 'eusa-amif-2014-so1', url: SO1_URL, sha256: null }],
    });
    const readSources = new Set(['eusa-amif-2014-so1']);
    const first = diffProjects({
      drafts: early.drafts,
      current: [],
      readSources,
      run: at('2026-01-01T04:00:00Z'),
    });
    const second = diffProjects({
      drafts: withLinks.drafts,
      current: first.records,
      readSources,
      run: at('2026-01-02T04:00:00Z'),
    });
    const turva = second.versions.filter((v) => v.record.name === 'TURVA-hanke');
    expect(turva).toHaveLength(1);
    expect(turva[0]).toMatchObject({ kind: 'changed', version: 2, id: early.drafts[0]!.id });
    expect(turva[0]!.fields.find((f) => f.field === 'euFundingEur')).toEqual({
      field: 'euFundingEur',
      old: 379547,
      new: 379548,
    });
    expect(second.counts.new).toBe(0);
    expect(second.records.filter((r) => r.name === 'TURVA-hanke')).toHaveLength(1);
  });

  it('reads the objective-3 details bullet without labels', () => {
    const so3 = eusaAmif2014So3.extract(fixture('eusa2014-so3-unlabelled.html'));
    expect(so3.drafts.map((d) => [...row(d), d.nationalObjective, d.specificObjective])).toEqual([
      [
        'RETU-hanke',
        'Maahanmuuttovirasto',
        '2019-10-01',
        '2020-12-31',
        149696,
        '3.1',
        { code: '3', name: 'Paluu' },
      ],
    ]);
    expect(so3.drafts[0]!.quality).toEqual([]);
    // The copy ends before the second project's details: it is reported, not read.
    expect(so3.warnings).toEqual([
      'eusa-amif-2014-so3: "Tulevaisuuden polku-hanke" (national objective 3.2) has no implementer and dates line; it was not read as a project',
      'eusa-amif-2014-so3: national objective 3.2 lists no projects and does not say that it has none',
    ]);
  });
});
