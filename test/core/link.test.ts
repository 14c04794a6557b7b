import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../functions/core/diff';
import { linkOutputs } from '../../functions/core/link';
import type { RunRef } from '../../functions/core/model/history';
import type { ProjectDraft } from '../../functions/core/model/project';
import type { SourceOutput } from '../../functions/core/model/source-output';
import { renderReferenceJson } from '../../functions/core/render/reference-json';
import type { RenderContext } from '../../functions/core/render/render-context';
import { BUILT_IN_SOURCES } from '../../functions/core/sources/built-in-sources';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { eusaAmifFund } from '../../functions/core/sources/eusa-amif-fund';
import { pressReleaseSource, RELEASE_2023_04_12_SV_URL } from '../../functions/core/sources/intermin-press';
import { migriHankkeet } from '../../functions/core/sources/migri-hankkeet';
import { draft } from '../helpers/drafts';

const pagePath = (id: string) => new URL(`../../seeds/pages/${id}.html`, import.meta.url);
const page = (id: string) => readFileSync(pagePath(id), 'utf8');
const SV_URL = RELEASE_2023_04_12_SV_URL;
const press = pressReleaseSource(SV_URL);

/** Every built-in source that has a snapshot page, read as `npm start` reads it. */
function seedOutputs(): SourceOutput[] {
  return BUILT_IN_SOURCES.filter((s) => existsSync(pagePath(s.id))).map((s) => s.extract(page(s.id)));
}

const linked = linkOutputs(seedOutputs());
const byId = new Map(linked.drafts.map((d) => [d.id, d]));
const nameOf = (id: string) => byId.get(id)?.name ?? null;

describe('Link: the bundled snapshots', () => {
  it('gives one record per project: 47 + 5 + 1 + 1 listed, 6 Migri blocks of their own, no announced ones', () => {
    expect(linked.drafts).toHaveLength(60);
    expect(new Set(linked.drafts.map((d) => d.id)).size).toBe(60);
    const owners = linked.drafts.map((d) => d.sources[0]!.id);
    expect(owners.filter((o) => o === 'eusa-amif-2021')).toHaveLength(47);
    expect(owners.filter((o) => o === 'eusa-amif-2014-so1')).toHaveLength(5);
    expect(owners.filter((o) => o === 'eusa-amif-2014-so2')).toHaveLength(1);
    expect(owners.filter((o) => o === 'eusa-amif-2014-so3')).toHaveLength(1);
    expect(owners.filter((o) => o === 'migri-hankkeet')).toHaveLength(6);
    expect(linked.drafts.filter((d) => d.listing === 'announced')).toEqual([]);
    // The one warning: the English list of completed projects has a block whose dates two Finnish
    // blocks share (IPA and voluntary return), so it joins neither (migri-translations.test.ts).
    expect(linked.warnings).toEqual([
      expect.stringMatching(/^migri-completed-projects-en: the block "01\/01\/2023–31\/12\/2024: /),
    ]);
  });

  it('links every Migri block to its ministry project or explains why not', () => {
    const table = linked.links
      .filter((l) => l.sourceId === 'migri-hankkeet')
      .map((l) => [l.item, l.matchedBy ? nameOf(l.projectId) : null, l.matchedBy ?? l.note]);
    const noMatch =
      'no Maahanmuuttovirasto project on the ministry lists matches its title, acronym, dates or text';
    expect(table).toEqual([
      [
        'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
        'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
        'title+dates',
      ],
      [
        'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen',
        'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen',
        'title+dates',
      ],
      ['Ennakoiva maatieto (ENNACOI)', 'Ennakoiva maatieto (ENNACOI)', 'title+dates'],
      ['Euroopan muuttoliikeverkosto (EMN)', null, noMatch],
      [
        'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen',
        'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen',
        'title+dates',
      ],
      ['Joustava turvapaikkamenettely', 'Joustava turvapaikkamenettely', 'title+dates'],
      ['Kiintiöpakolaisasian UMA-toimintojen kehittäminen', null, noMatch],
      ['Kiintiöpakolaisten kulttuuriorientaatiokoulutus', null, noMatch],
      [
        'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä',
        'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä',
        'title+dates',
      ],
      ['MOVE – sujuvan kuntaan muuton edistäminen', null, noMatch],
      [
        'Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)',
        'Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)',
        'title+dates',
      ],
      ['Tehokkaat oleskelulupaprosessit', 'Tehokkaat oleskelulupaprosessit', 'title+dates'],
      ['UMA-kehitys ihmiskaupan uhrien auttamisjärjestelmän tilastointiin ja raportointiin', null, noMatch],
      [
        'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
        'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
        'title+dates',
      ],
      [
        'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
        'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
        'title+dates',
      ],
      [
        'VIS- ja IO-velvoitteiden toteutus UMA-järjestelmään',
        null,
        'its text names BMVI work ("viisumitietojärjestelmään"), so it is not looked for on the AMIF lists',
      ],
      ['VOK-valmius', 'VOK-valmius', 'title'],
    ]);
  });

  it('attaches the block to the ministry record: migri, sources, and the table wins the dates', () => {
    const vok = linked.drafts.find((d) => d.name === 'VOK-valmius')!;
    expect(vok).toMatchObject({
      id: 'amif21-3c20ede3f4',
      startDate: '2022-08-01',
      endDate: '2023-07-31',
      sources: [
        { id: 'eusa-amif-2021', url: 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet' },
        { id: 'migri-hankkeet', url: 'https://migri.fi/hankkeet' },
      ],
      migri: {
        url: 'https://migri.fi/hankkeet',
        title: 'VOK-valmius',
        schedule: '1.1.2023–31.05.2024',
        matchedBy: 'title',
      },
    });
    expect(vok.migri!.description).toMatch(/^Kehitetään Maahnamuuttoviraston vastaanottokeskusten tiloja/);
    expect(vok.quality).toEqual([
      {
        code: 'date-mismatch',
        field: 'startDate',
        message: `the ministry list gives 1.8.2022, Migri's page 1.1.2023 (schedule "1.1.2023–31.05.2024"); the ministry's date is kept`,
        raw: '1.1.2023–31.05.2024',
        source: 'migri-hankkeet',
      },
      {
        code: 'date-mismatch',
        field: 'endDate',
        message: `the ministry list gives 31.7.2023, Migri's page 31.5.2024 (schedule "1.1.2023–31.05.2024"); the ministry's date is kept`,
        raw: '1.1.2023–31.05.2024',
        source: 'migri-hankkeet',
      },
    ]);
    const puhe = linked.drafts.find((d) => d.name === 'Puheesta tekstiksi')!;
    expect(puhe.migri).toBeNull();
    expect(
      linked.drafts.filter((d) => d.migri !== null && d.sources[0]!.id === 'eusa-amif-2021'),
    ).toHaveLength(11);
  });

  it('publishes the unmatched blocks as records of their own, flagged not-on-ministry-list', () => {
    const own = linked.drafts.filter((d) => d.sources[0]!.id === 'migri-hankkeet');
    expect(own.map((d) => [d.name, d.fund, d.programme, d.beneficiary.id, d.migri!.matchedBy])).toEqual([
      ['Euroopan muuttoliikeverkosto (EMN)', 'EUSA', 'EUSA 2021-2027', 'maahanmuuttovirasto', 'none'],
      [
        'Kiintiöpakolaisasian UMA-toimintojen kehittäminen',
        'EUSA',
        'EUSA 2021-2027',
        'maahanmuuttovirasto',
        'none',
      ],
      [
        'Kiintiöpakolaisten kulttuuriorientaatiokoulutus',
        'EUSA',
        'EUSA 2021-2027',
        'maahanmuuttovirasto',
        'none',
      ],
      ['MOVE – sujuvan kuntaan muuton edistäminen', 'EUSA', 'EUSA 2021-2027', 'maahanmuuttovirasto', 'none'],
      [
        'UMA-kehitys ihmiskaupan uhrien auttamisjärjestelmän tilastointiin ja raportointiin',
        'EUSA',
        'EUSA 2021-2027',
        'maahanmuuttovirasto',
        'none',
      ],
      [
        'VIS- ja IO-velvoitteiden toteutus UMA-järjestelmään',
        'BMVI',
        'EUSA 2021-2027',
        'maahanmuuttovirasto',
        'none',
      ],
    ]);
    for (const d of own) expect(d.quality.filter((q) => q.code === 'not-on-ministry-list')).toHaveLength(1);
  });

  it('links all 19 press mentions to the listed projects, with the amounts agreeing within a euro', () => {
    const table = linked.links
      .filter((l) => l.sourceId === 'intermin-press-2023-04-12-sv')
      .map((l) => [l.item, nameOf(l.projectId), l.matchedBy, l.note]);
    expect(table).toEqual([
      [
        'KOTU, Migrationsverket, 212 429 €',
        'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'Varausapu 2, Migrationsverket, 1 153 584 €',
        'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
        'name+beneficiary+amount',
        null,
      ],
      [
        'ADERE, Migrationsverket, 1 444 708 €',
        'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'SOIRE, Migrationsverket, 677 593 €',
        'Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)',
        'acronym+beneficiary+amount',
        null,
      ],
      ['Paluu, Finlands Flyktinghjälp, 435 152 €', 'Paluu', 'name+beneficiary+amount', null],
      [
        'PAMI, Stiftelsen Helsingfors Diakonissanstalt, 437 934 €',
        'PAMI -mielenterveyden tuki vastaanottopalveluissa',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'IP Istanbulprotokollet / IP, Stiftelsen Helsingfors Diakonissanstalt, 143 398 €',
        'IP Istanbul protokolla koulutus -hanke',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'IKUT 2 / IKUT, Stiftelsen Helsingfors Diakonissanstalt, 270 222 €',
        'IKUT 2 Ihmiskaupan uhrien työelämätaitojenvalmennus',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'Kompetent, Institutet för hälsa och välfärd, 635 626 €',
        'Keskusteluaputaitoja vastaanottokeskuksiin - mielenterveyttä turvapaikanhakijoille',
        'beneficiary+amount',
        null,
      ],
      [
        'GBV-Tuva2, Setlementti Puijola, 308 620 €',
        'GBV-Tuva2 – Tukea Suomesta turvaa hakeville sukupuolistunutta väkivaltaa kokeneille',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'Finlands Flyktinghjälp, 312 496 €',
        'Yhteiskuntaorientaation oppimateriaalin ja verkkoalustan kehittäminen',
        'beneficiary+amount',
        null,
      ],
      ['Utvecklingsbolaget SavoGrow Oy, 540 412 €', 'Mutkatonta kotoutumista', 'beneficiary+amount', null],
      ['Garantistiftelsen, 178 275 €', 'Kotouttavat taloustaidot', 'beneficiary+amount', null],
      [
        'CABLE-metoden, Helsingfors kyrkliga samfällighet, 383 913 €',
        'MoniNainen arki - monilukutaidon vahvistaminen yhteisölähtöisen kotoutumisen tukena',
        'beneficiary+amount',
        null,
      ],
      [
        'Niitty 2, Tammerfors yrkeshögskola, 479 330 €',
        'Niitty 2 - Yhdessä maahanmuuttajaperheiden hyvän arjen puolesta',
        'name+beneficiary+amount',
        null,
      ],
      [
        'TASE, Befolkningsförbundet, 318 825 €',
        'TASE; Tasa-arvo ja seksuaalioikeus tietoutta kotoutujille ja ammattilaisille',
        'acronym+beneficiary+amount',
        null,
      ],
      [
        'MoniTieto, Institutet för hälsa och välfärd, 460 367 €',
        'MoniTieto – Laadukas tietopohja yhdenvertaisen Suomen ja alueellisen kotoutumistyön tueksi',
        'acronym+beneficiary+amount',
        null,
      ],
      ['Migrationsverket, 1 706 205 €', 'Tehokkaat oleskelulupaprosessit', 'beneficiary+amount', null],
      ['Polisstyrelsen, 296 027 €', 'Maasta poistamistoiminta', 'beneficiary+amount', null],
    ]);
    expect(new Set(table.map((row) => row[1])).size).toBe(19);
  });

  it('records the announcement on the project: GBV-Tuva2’s 308 620 € agrees with the table’s 308 620,69 €', () => {
    const gbv = linked.drafts.find((d) => d.acronym === 'GBV-Tuva2')!;
    expect(gbv.euFundingEur).toBe(308620.69);
    expect(gbv.announcements).toEqual([{ date: '2023-04-12', url: SV_URL, lang: 'sv', amountEur: 308620 }]);
    expect(gbv.sources.map((s) => s.id)).toEqual(['eusa-amif-2021', 'intermin-press-2023-04-12-sv']);
    expect(gbv.beneficiary).toEqual({
      id: 'kuopion-setlementti-puijola-ry',
      name: 'Kuopion Setlementti Puijola ry',
    });
    expect(linked.drafts.filter((d) => d.announcements.length > 0)).toHaveLength(19);
    const kotu = linked.drafts.find((d) => d.acronym === 'KOTU')!;
    expect(kotu.sources.map((s) => s.id)).toEqual([
      'eusa-amif-2021',
      'migri-hankkeet',
      'intermin-press-2023-04-12-sv',
    ]);
  });

  it('produces exactly these quality flags on the bundled snapshots', () => {
    const flags = linked.drafts.flatMap((d) =>
      d.quality.map((q) => [d.name.slice(0, 30), q.code, q.field, q.source]),
    );
    expect(flags).toEqual([
      ['TUVI-hanke - Turvapaikkaproses', 'invalid-date', 'endDate', 'eusa-amif-2014-so1'],
      ['Arjen apu-hanke', 'missing-field', 'euFundingEur', 'eusa-amif-2014-so2'],
      ['VOK-valmius', 'date-mismatch', 'startDate', 'migri-hankkeet'],
      ['VOK-valmius', 'date-mismatch', 'endDate', 'migri-hankkeet'],
      ['Euroopan muuttoliikeverkosto (', 'schedule-note', 'startDate', 'migri-hankkeet'],
      ['Euroopan muuttoliikeverkosto (', 'not-on-ministry-list', 'sources', 'migri-hankkeet'],
      ['Kiintiöpakolaisasian UMA-toimi', 'not-on-ministry-list', 'sources', 'migri-hankkeet'],
      ['Kiintiöpakolaisten kulttuurior', 'schedule-note', 'endDate', 'migri-hankkeet'],
      ['Kiintiöpakolaisten kulttuurior', 'not-on-ministry-list', 'sources', 'migri-hankkeet'],
      ['MOVE – sujuvan kuntaan muuton ', 'not-on-ministry-list', 'sources', 'migri-hankkeet'],
      ['UMA-kehitys ihmiskaupan uhrien', 'not-on-ministry-list', 'sources', 'migri-hankkeet'],
      ['VIS- ja IO-velvoitteiden toteu', 'not-on-ministry-list', 'sources', 'migri-hankkeet'],
    ]);
  });

  it('passes the fund page on as reference data; the table keeps its own objective names', () => {
    expect(linked.reference).toMatchObject({
      programme: 'AMIF 2021-2027',
      allocationEur: 67_900_000,
      source: {
        id: 'eusa-amif-fund',
        url: 'https://eusa-rahastot2021.fi/turvapaikka-maahanmuutto-ja-kotouttamisrahasto-amif',
      },
    });
    const adere = linked.drafts.find((d) => d.acronym === 'ADERE')!;
    expect(adere.specificObjective).toEqual({ code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' });
  });

  it('does not depend on the order of the sources', () => {
    const outputs = seedOutputs();
    expect(outputs).toHaveLength(10);
    const orders = [
      [...outputs].reverse(),
      [
        outputs[4]!,
        outputs[2]!,
        outputs[6]!,
        outputs[5]!,
        outputs[0]!,
        outputs[3]!,
        outputs[1]!,
        ...outputs.slice(7).reverse(),
      ],
    ];
    for (const order of orders) expect(linkOutputs(order)).toEqual(linked);
  });
});

describe('Link: Migri blocks whose titles do not repeat the table', () => {
  const table = eusaAmif2021.extract(page('eusa-amif-2021'));

  it('falls back to acronym and name, with and without agreeing dates', () => {
    const html = page('migri-hankkeet')
      .replace(
        '>ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä<',
        '>ADERE – päätöstoimenpide<',
      )
      .replace('>Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen<', '>Varausapu 2<')
      .replace(
        '>AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen<',
        '>Automaation laajentaminen (AURA)<',
      )
      .replace('1.11.2022–30.4.2025', '1.1.2023–30.4.2025')
      .replace('>VOK-valmius<', '>Vastaanottokeskusten valmius<');
    const result = linkOutputs([migriHankkeet.extract(html), table]);
    const matched = Object.fromEntries(
      result.links.map((l) => [l.item, [l.matchedBy, nameOf2(result.drafts, l.projectId)]]),
    );
    expect(matched['ADERE – päätöstoimenpide']).toEqual([
      'acronym+dates',
      'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
    ]);
    expect(matched['Varausapu 2']).toEqual([
      'name+dates',
      'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
    ]);
    expect(matched['Automaation laajentaminen (AURA)']).toEqual([
      'acronym',
      'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen',
    ]);
    expect(matched['Vastaanottokeskusten valmius']).toEqual(['text-similarity 0.54', 'VOK-valmius']);
    const aura = result.drafts.find((d) => d.acronym === 'AURA')!;
    expect(aura.quality.map((q) => [q.code, q.field, q.message])).toEqual([
      [
        'date-mismatch',
        'startDate',
        `the ministry list gives 1.11.2022, Migri's page 1.1.2023 (schedule "1.1.2023–30.4.2025"); the ministry's date is kept`,
      ],
    ]);
  });

  it('links by text similarity as a last resort, only when one project clearly leads', () => {
    let n = 0;
    const html = page('migri-hankkeet').replace(
      /(aria-controls="hanke-\d+">)[^<]*/g,
      (_m, open) => `${open}Hanke ${++n}`,
    );
    const result = linkOutputs([migriHankkeet.extract(html), table]);
    const mapping = result.links
      .map((l) => [
        Number(l.item.slice(6)),
        l.matchedBy ? nameOf2(result.drafts, l.projectId)!.split(' ')[0] : null,
        l.matchedBy,
      ])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(mapping).toEqual([
      [1, 'ADERE', 'dates+text-similarity 0.90'],
      [2, 'AURA', 'dates+text-similarity 0.52'],
      [3, 'Ennakoiva', 'dates+text-similarity 0.51'],
      [4, null, null],
      // IPA: "itsepalveluautomaatti" is only in its title; the text alone is too weak beside the other 1.1.2023–31.12.2024 project.
      [5, null, null],
      [6, 'Joustava', 'dates+text-similarity 0.43'],
      [7, null, null],
      [8, null, null],
      [9, 'KOTU-', 'dates+text-similarity 0.32'],
      [10, null, null],
      [11, 'Paluuyhteistyö', 'dates+text-similarity 0.76'],
      [12, 'Tehokkaat', 'dates+text-similarity 0.97'],
      [13, null, null],
      [14, 'Vapaaehtoisen', 'dates+text-similarity 0.28'],
      [15, 'Varausapu', 'dates+text-similarity 0.85'],
      [16, null, null],
      [17, 'VOK-valmius', 'text-similarity 0.52'],
    ]);
  });

  it('never links two blocks to one project nor one block to two projects', () => {
    const a = draft('Yhteinen nimi', { acronym: 'ABC', startDate: '2023-01-01', endDate: '2023-12-31' });
    const b = draft('Toinen nimi', { acronym: 'ABC', startDate: '2023-01-01', endDate: '2023-12-31' });
    const migriBlock = (title: string): ProjectDraft => ({
      ...draft(title, {
        acronym: 'ABC',
        programme: 'EUSA 2021-2027',
        fund: 'EUSA',
        startDate: '2023-01-01',
        endDate: '2023-12-31',
      }),
      sources: [{ id: 'migri-hankkeet', url: 'https://migri.fi/hankkeet' }],
      migri: {
        url: 'https://migri.fi/hankkeet',
        title,
        schedule: '1.1.2023–31.12.2023',
        description: null,
        goals: null,
        matchedBy: 'none',
      },
    });
    const link = (blocks: ProjectDraft[]) =>
      linkOutputs([
        {
          kind: 'projects',
          sourceId: 'eusa-amif-2021',
          url: 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet',
          pageUpdated: null,
          drafts: [a, b],
          warnings: [],
        },
        {
          kind: 'migri',
          sourceId: 'migri-hankkeet',
          url: 'https://migri.fi/hankkeet',
          pageUpdated: null,
          drafts: blocks,
          warnings: [],
        },
      ]);
    // Two blocks fit both projects by acronym and dates alike: neither is linked, each stays on its own.
    const tied = link([migriBlock('ABC – eka'), migriBlock('ABC – toka')]);
    expect(tied.links.map((l) => [l.item, l.matchedBy])).toEqual([
      ['ABC – eka', null],
      ['ABC – toka', null],
    ]);
    expect(tied.drafts).toHaveLength(4);
    // One block fits both projects: not linked either. Once a's own title claims a, b is the only one left.
    expect(link([migriBlock('ABC – eka')]).links[0]!.matchedBy).toBeNull();
    const resolved = link([migriBlock('ABC – eka'), migriBlock('Yhteinen nimi')]);
    expect(resolved.links.map((l) => [l.item, l.matchedBy, nameOf2(resolved.drafts, l.projectId)])).toEqual([
      ['ABC – eka', 'acronym+dates', 'Toinen nimi'],
      ['Yhteinen nimi', 'title+dates', 'Yhteinen nimi'],
    ]);
    expect(resolved.drafts).toHaveLength(2);
  });
});

function nameOf2(drafts: readonly ProjectDraft[], id: string): string | null {
  return drafts.find((d) => d.id === id)?.name ?? null;
}

describe('Link: press releases', () => {
  const table = eusaAmif2021.extract(page('eusa-amif-2021'));

  it('flags an amount that disagrees by a euro or more, naming both amounts; the table wins', () => {
    const html = page('intermin-press-2023-04-12-sv').replace(
      '(212 429 euro EU-finansiering)',
      '(200 000 euro EU-finansiering)',
    );
    const result = linkOutputs([table, press.extract(html)]);
    const kotu = result.drafts.find((d) => d.acronym === 'KOTU')!;
    expect(kotu.euFundingEur).toBe(212429.38);
    expect(kotu.announcements[0]!.amountEur).toBe(200000);
    expect(kotu.quality).toEqual([
      expect.objectContaining({
        code: 'amount-mismatch',
        field: 'euFundingEur',
        message:
          "the press release of 12.4.2023 gives 200 000 €, the ministry list 212 429,38 €; the ministry's amount is kept",
        source: 'intermin-press-2023-04-12-sv',
      }),
    ]);
    expect(result.links[0]).toMatchObject({
      matchedBy: 'acronym+beneficiary',
      note: 'amounts differ: 200 000 € announced, 212 429,38 € listed',
    });
  });

  it('publishes a named mention no listed project matches as "announced", and the table takes it over on a later run', () => {
    const row = /<tr>\s*<td>TASE; [\s\S]*?<\/tr>/;
    const before = page('eusa-amif-2021');
    expect(before).toMatch(row);
    const run1Table = eusaAmif2021.extract(before.replace(row, ''));
    const release = press.extract(page('intermin-press-2023-04-12-sv'));

    const run1 = linkOutputs([run1Table, release]);
    const announced = run1.drafts.filter((d) => d.listing === 'announced');
    expect(announced.map((d) => [d.name, d.beneficiary, d.euFundingEur])).toEqual([
      ['TASE', { id: 'vaestoliitto', name: 'Befolkningsförbundet' }, 318825],
    ]);
    const at1: RunRef = { runId: 'run-1', at: '2026-11-20T04:00:00Z', sources: [] };
    const first = diffProjects({
      drafts: run1.drafts,
      current: [],
      readSources: new Set(['eusa-amif-2021', press.id]),
      run: at1,
    });
    expect(first.records.find((r) => r.id === announced[0]!.id)).toMatchObject({
      status: 'announced',
      version: 1,
    });

    const run2 = linkOutputs([table, release]);
    expect(run2.drafts.filter((d) => d.listing === 'announced')).toEqual([]);
    const at2: RunRef = { runId: 'run-2', at: '2026-11-21T04:00:00Z', sources: [] };
    const second = diffProjects({
      drafts: run2.drafts,
      current: first.records,
      readSources: new Set(['eusa-amif-2021', press.id]),
      run: at2,
    });
    const taken = second.records.filter((r) => r.name.startsWith('TASE; '));
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({
      id: announced[0]!.id,
      status: 'listed',
      version: 2,
      firstSeenAt: '2026-11-20T04:00:00Z',
      beneficiary: { id: 'vaestoliitto', name: 'Väestöliitto' },
      announcements: [{ date: '2023-04-12', url: SV_URL, lang: 'sv', amountEur: 318825 }],
    });
    expect(second.records).toHaveLength(first.records.length);
    expect(second.counts).toMatchObject({ new: 0, removed: 0, changed: 1 });
    expect(new Set(second.records.map((r) => r.id)).size).toBe(second.records.length);
  });

  it('keeps one announced record for the language versions of a release', () => {
    const fiUrl = 'https://intermin.fi/-/sisaministerio-myontaa-10-4-miljoonaa-euroa';
    const fi = pressReleaseSource(fiUrl).extract(
      `<html lang="fi"><body><main><h1>Sisäministeriö myöntää 10,4 miljoonaa euroa</h1><p>Julkaisuaika 12.4.2023 15.31</p>
       <p>Väestöliiton TASE-hanke kertoo tasa-arvosta kotoutujille (318 825 euroa).</p></main></body></html>`,
    );
    const sv = press.extract(page('intermin-press-2023-04-12-sv'));
    const withoutRow = eusaAmif2021.extract(
      page('eusa-amif-2021').replace(/<tr>\s*<td>TASE; [\s\S]*?<\/tr>/, ''),
    );
    const result = linkOutputs([sv, withoutRow, fi]);
    const announced = result.drafts.filter((d) => d.listing === 'announced');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.announcements.map((a) => a.lang)).toEqual(['fi', 'sv']);
    expect(announced[0]!.sources.map((s) => s.id)).toEqual([fi.sourceId, sv.sourceId]);
  });

  it('makes no record of an award whose name the text does not delimit: it is reported with its candidates', () => {
    // "I Garantistiftelsens projekt får tredjelandsmedborgare utbildning … (178 275 euro)": no name.
    const withoutRow = eusaAmif2021.extract(
      page('eusa-amif-2021').replace(/<tr>\s*<td>Kotouttavat taloustaidot<\/td>[\s\S]*?<\/tr>/, ''),
    );
    const result = linkOutputs([withoutRow, press.extract(page('intermin-press-2023-04-12-sv'))]);
    expect(result.drafts.filter((d) => d.listing === 'announced')).toEqual([]);
    expect(result.warnings.filter((w) => w.includes('Garantistiftelsen'))).toEqual([
      expect.stringMatching(
        /states an award to Garantistiftelsen of 178 275 € without a project name the text delimits; no listed project of Garantistiftelsen in AMIF 2021-2027 fits its date, so it was not published as a record$/u,
      ),
    ]);
  });
});

describe('Link: the fund page as reference for objective cells', () => {
  const codeOnly = page('eusa-amif-2021').replace(
    '<td>2 Laillinen muuttoliike ja kotoutuminen</td>',
    '<td>2</td>',
  );

  it('names a code-only objective cell from the fund page, and leaves it flagged without the page', () => {
    const table = eusaAmif2021.extract(codeOnly);
    const flagged = table.drafts.filter((d) => d.quality.some((q) => q.code === 'unknown-objective'));
    expect(flagged).toHaveLength(1);
    const withFund = linkOutputs([table, eusaAmifFund.extract(page('eusa-amif-fund'))]);
    const resolved = withFund.drafts.find((d) => d.id === flagged[0]!.id)!;
    expect(resolved.specificObjective).toEqual({
      code: '2',
      name: 'Laillisen maahanmuuton sujuvuuden sekä kolmansien maiden kansalaisten kotoutumisen ja osallisuuden edistäminen',
    });
    expect(resolved.quality).toEqual([]);
    const withoutFund = linkOutputs([table]);
    expect(withoutFund.reference).toBeNull();
    expect(withoutFund.drafts.find((d) => d.id === flagged[0]!.id)!.specificObjective).toBeNull();
  });
});

describe('Link: v1/reference.json', () => {
  const ctx = (reference: RenderContext['reference']) =>
    ({ meta: { generatedAt: '2026-11-22T04:00:00Z' }, reference }) as unknown as RenderContext;

  it('publishes the fund page reference as JSON at stage latest, and nothing before the page was read', () => {
    const [file, ...rest] = renderReferenceJson(ctx(linked.reference));
    expect(rest).toEqual([]);
    expect(file).toMatchObject({
      key: 'v1/reference.json',
      contentType: 'application/json',
      stage: 'latest',
    });
    expect(JSON.parse(String(file!.body))).toMatchObject({
      schemaVersion: 1,
      generatedAt: '2026-11-22T04:00:00Z',
      programme: 'AMIF 2021-2027',
      fund: 'AMIF',
      allocationEur: 67_900_000,
      allocationText: '67,9 miljoonaa euroa',
      specificObjectives: [{ code: '1' }, { code: '2' }, { code: '3' }],
      source: {
        id: 'eusa-amif-fund',
        url: 'https://eusa-rahastot2021.fi/turvapaikka-maahanmuutto-ja-kotouttamisrahasto-amif',
      },
    });
    expect(renderReferenceJson(ctx(null))).toEqual([]);
    expect(renderReferenceJson(ctx(undefined))).toEqual([]);
  });
});
