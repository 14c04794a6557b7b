import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkOutputs } from '../../../functions/core/link';
import type { PressOutput } from '../../../functions/core/model/source-output';
import { eusaAmif2014So1 } from '../../../functions/core/sources/eusa-amif-2014';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { pressReleaseSource } from '../../../functions/core/sources/intermin-press';
import { REAL_RELEASES, type RealPage, realText } from '../../fixtures/pages/real-pages';
import { textPage } from '../../helpers/text-page';

// Golden tests on the text of real releases (test/fixtures/pages, listed in seeds/README.md). Each
// copy ends where `cutAt` says: a mention after that point is not in the copy and not asserted, and
// the release's own counts and totals cannot be checked against a cut copy.

const seed = (name: string) => readFileSync(new URL(`../../../seeds/pages/${name}`, import.meta.url), 'utf8');
const table = eusaAmif2021.extract(seed('eusa-amif-2021.html'));
const so1 = eusaAmif2014So1.extract(seed('eusa-amif-2014-so1.html'));

function read(page: RealPage): PressOutput {
  const text = realText(page);
  expect(text.trimEnd().endsWith(page.cutAt)).toBe(true);
  return pressReleaseSource(page.url).extract(textPage(text, page)) as PressOutput;
}

/** [name as delimited, amount, approximate, beneficiary id, operating support] per mention. */
const mentionsOf = (output: PressOutput) =>
  output.mentions.map((m) => [
    m.name,
    m.amountEur,
    m.approximate,
    m.beneficiary?.id ?? null,
    m.operatingSupport,
  ]);

/** The listed record each mention was linked to (by name), or "announced: <name>". */
function linksOf(output: PressOutput): string[] {
  const linked = linkOutputs([table, so1, output]);
  return linked.links.map((l) => {
    const draft = linked.drafts.find((d) => d.id === l.projectId)!;
    return draft.listing === 'listed' ? draft.name : `announced: ${draft.name}`;
  });
}

/** No listed project has two records: every record name and id is unique. */
function expectNoDuplicates(output: PressOutput) {
  const linked = linkOutputs([table, so1, output]);
  expect(new Set(linked.drafts.map((d) => d.id)).size).toBe(linked.drafts.length);
  const listed = linked.drafts.filter((d) => d.listing === 'listed').length;
  expect(listed).toBe(table.drafts.length + so1.drafts.length);
  return linked;
}

describe('intermin.fi 14.12.2022 (fi): "AMIF-rahastosta lähes 6 miljoonaa euroa …"', () => {
  const page = REAL_RELEASES.intermin20221214fi;
  const output = read(page);

  it('reads the date from "Julkaisuajankohta 14.12.2022 11.35", the language and the total "lähes 6 miljoonaa"', () => {
    expect(output.release).toMatchObject({
      date: '2022-12-14',
      lang: 'fi',
      programme: 'AMIF 2021-2027',
      announcedTotalEur: 6_000_000,
      announcedTotalRaw: '6 miljoonaa euroa',
      subject: 'awards',
    });
  });

  it('reads every award up to the cut: the approximate operating support, VOK-valmius without amount, IPA "n. 382 000 eurolla"', () => {
    expect(mentionsOf(output)).toEqual([
      [null, 2_200_000, true, 'maahanmuuttovirasto', true],
      ['VOK-valmius', null, false, 'maahanmuuttovirasto', false],
      [
        'IPA-itsepalveluautomaatti asiointiin ja tunnistautumiseen',
        382_000,
        true,
        'maahanmuuttovirasto',
        false,
      ],
    ]);
    expect(output.mentions.map((m) => m.precisionEur)).toEqual([100_000, null, 1_000]);
  });

  it('links each to its listed project, the rounded amounts agreeing within their precision', () => {
    expect(linksOf(output)).toEqual([
      'Joustava turvapaikkamenettely',
      'VOK-valmius',
      'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen',
    ]);
    const linked = expectNoDuplicates(output);
    const joustava = linked.drafts.find((d) => d.name === 'Joustava turvapaikkamenettely')!;
    expect(joustava.quality.filter((q) => q.code === 'amount-mismatch')).toEqual([]);
    expect(joustava.announcements).toEqual([
      { date: '2022-12-14', url: page.url, lang: 'fi', amountEur: 2_200_000, approximate: true },
    ]);
  });

  it('says which stated awards name neither a project nor an amount', () => {
    expect(output.warnings.filter((w) => w.includes('states an award'))).toEqual([
      expect.stringContaining('"Migri sai operatiivista tukea myös paluuneuvonnan ylläpitämiseen."'),
      expect.stringContaining('"AMIF-rahastosta myönnettiin Migrille operatiivisen tuen lisäksi avustusta'),
    ]);
  });
});

describe('intermin.fi 14.12.2022 (sv): "Nästan 6 miljoner euro beviljas ur AMIF-fonden …"', () => {
  const output = read(REAL_RELEASES.intermin20221214sv);

  it('reads "Utgivningsdatum 14.12.2022 11.35" and "cirka 2,2 miljoner euro i driftsstöd" (the copy ends before the projects)', () => {
    expect(output.release).toMatchObject({ date: '2022-12-14', lang: 'sv', programme: 'AMIF 2021-2027' });
    expect(mentionsOf(output)).toEqual([[null, 2_200_000, true, 'maahanmuuttovirasto', true]]);
    expect(linksOf(output)).toEqual(['Joustava turvapaikkamenettely']);
    expectNoDuplicates(output);
  });
});

describe('eusa-rahastot2021.fi 27.9.2023 (fi): award news "… EU-rahoitusta noin 4,3 miljoonaa euroa"', () => {
  const output = read(REAL_RELEASES.eusa20230927fi);

  it('reads the labelled bracket amounts "(EU-rahoitus 113 778 euroa)" with the names before "-hankkeessa"', () => {
    expect(output.release).toMatchObject({ date: '2023-09-27', lang: 'fi', announcedTotalEur: 4_300_000 });
    expect(mentionsOf(output)).toEqual([
      ['Puheesta tekstiksi', 113_778, false, 'maahanmuuttovirasto', false],
      ['Ennakoiva maatieto (ENNACOI)', 374_384, false, 'maahanmuuttovirasto', false],
      ['Vamos-Stay and Study', 338_228, false, 'helsingin-diakonissalaitoksen-saatio-sr', false],
    ]);
  });

  it('links them by name; the table lists other amounts for all three, so each gets an amount-mismatch flag', () => {
    expect(linksOf(output)).toEqual([
      'Puheesta tekstiksi',
      'Ennakoiva maatieto (ENNACOI)',
      'Vamos - Stay and study',
    ]);
    const linked = expectNoDuplicates(output);
    const flags = linked.drafts.flatMap((d) => d.quality.filter((q) => q.code === 'amount-mismatch'));
    expect(flags.map((f) => f.message)).toEqual([
      // In the table's order: ENNACOI is listed before Puheesta tekstiksi.
      expect.stringContaining('gives 374 384 €, the ministry list 280 787,85 €'),
      expect.stringContaining('gives 113 778 €, the ministry list 85 333,50 €'),
      expect.stringContaining('gives 338 228 €, the ministry list 337 517,94 €'),
    ]);
  });
});

describe('eusa-rahastot2021.fi 21.3.2024: "Tutustu uusiin AMIF-hankkeisiin" (fi) and "Bekanta dig med nya AMIF-projekt" (sv)', () => {
  const fi = read(REAL_RELEASES.eusa20240321fi);
  const sv = read(REAL_RELEASES.eusa20240321sv);

  it('reads the Finnish mentions with inflected organisations ("Etappi ry:n", "Turun kaupungin", "Diakonia-ammattikorkeakoulun")', () => {
    expect(fi.release).toMatchObject({ date: '2024-03-21', lang: 'fi', announcedTotalEur: 5_300_000 });
    expect(mentionsOf(fi)).toEqual([
      [
        'VAU! Vauhtia uralle - työllisyyden esteiden poistamista matalan kynnyksen valmennuksella',
        222_027,
        false,
        'tampereen-seudun-tyollistamisyhdistys-etappi-ry',
        false,
      ],
      [
        'Maahanmuuttajanaisten työllistymisen esteiden madaltaminen Turun seudulla',
        331_650,
        false,
        'turun-kaupunki',
        false,
      ],
      [
        'Polkuni Satakunnassa – Maahanmuuttajanaisten toimintakyvyn ja työllisyyden edistäminen',
        459_293,
        false,
        'diakonia-ammattikorkeakoulu',
        false,
      ],
    ]);
  });

  it('reads the Swedish mentions ("Åbo stads projekt", "yrkeshögskolan Diakonias projekt"); the last names no organisation before the cut', () => {
    expect(sv.release).toMatchObject({ date: '2024-03-21', lang: 'sv', announcedTotalEur: 5_300_000 });
    expect(mentionsOf(sv)).toEqual([
      [
        'VAU! Fart på karriären – undanröjande av hinder för sysselsättning med coachning med låg tröskel',
        222_027,
        false,
        'tampereen-seudun-tyollistamisyhdistys-etappi-ry',
        false,
      ],
      [
        'Sänkning av hinder för invandrarkvinnors sysselsättning i Åboregionen',
        331_650,
        false,
        'turun-kaupunki',
        false,
      ],
      [
        'Min stig i Satakunta – Främjande av invandrarkvinnors funktionsförmåga och sysselsättning',
        459_293,
        false,
        'diakonia-ammattikorkeakoulu',
        false,
      ],
      [
        'Uppskatta kunnande – Undanröjande av hinder för invandrarkvinnors sysselsättning',
        462_113,
        false,
        null,
        false,
      ],
    ]);
  });

  it('links both language versions to the same listed projects, never to new records', () => {
    expect(linksOf(fi)).toEqual([
      'VAU! Vauhtia uralle - työllisyyden esteiden poistamista matalan kynnyksen valmennuksella',
      'Maahanmuuttajanaisten työllistymisen esteiden madaltaminen Turun seudulla',
      'Polkuni Satakunnassa - Maahanmuuttajanaisten toimintakyvyn ja työllisyyden edistäminen',
    ]);
    expect(linksOf(sv)).toEqual([
      'VAU! Vauhtia uralle - työllisyyden esteiden poistamista matalan kynnyksen valmennuksella',
      'Maahanmuuttajanaisten työllistymisen esteiden madaltaminen Turun seudulla',
      'Polkuni Satakunnassa - Maahanmuuttajanaisten toimintakyvyn ja työllisyyden edistäminen',
      'Arvosta osaamista - Maahan muuttaneiden naisten työllistymisen esteiden poistaminen',
    ]);
    const both = linkOutputs([table, so1, fi, sv]);
    expect(both.drafts.filter((d) => d.listing === 'announced')).toEqual([]);
    const vau = both.drafts.find((d) => d.name.startsWith('VAU!'))!;
    expect(vau.announcements.map((a) => [a.lang, a.amountEur])).toEqual([
      ['fi', 222_027],
      ['sv', 222_027],
    ]);
  });
});

describe('eusa-rahastot.fi 2014–2020 award news', () => {
  it('18.2.2019: the bullets "Hankkeen nimi - Organisaatio" are announcements without amounts of the 2014–2020 programme', () => {
    const output = read(REAL_RELEASES.eusa20190218fi);
    expect(output.release).toMatchObject({ date: '2019-02-18', lang: 'fi', programme: 'AMIF 2014-2020' });
    expect(mentionsOf(output)).toEqual([
      [
        'Psyyke – hanke (vastaanottojärjestelmän henkilöstön mielenterveystyön osaamisen kehittäminen)',
        null,
        false,
        'maahanmuuttovirasto',
        false,
      ],
      [
        'YOUME - Mielenterveyden lähettiläät kotoutumisen voimavarana',
        null,
        false,
        'turun-ammattikorkeakoulu-oy',
        false,
      ],
      [
        'Kotoa kotiin ja yhteiskuntaan - valmennusmalli maahanmuuttajanaisten osallistamiseksi yhteiskunnalliseen toimintaan',
        null,
        false,
        'tampereen-ammattikorkeakoulu-oy',
        false,
      ],
      ['Kotoa kotiin', null, false, 'lahden-ammattikorkeakoulu-oy', false],
      [
        'Löydä kotisi uudestaan Pohjois-Pohjanmaalta – Maaseutumaisten kuntien alkuvaiheen maahanmuuttajaperheiden kotoutumisen malli',
        null,
        false,
        'pudasjarven-kaupunki',
        false,
      ],
      ['Kotoutumisentukena', null, false, 'uudenmaan-ely-keskus', false],
    ]);
    // None of them is on the bundled 2014–2020 page (objective 1), so each is announced, under 2014–2020.
    const linked = expectNoDuplicates(output);
    const announced = linked.drafts.filter((d) => d.listing === 'announced');
    expect(announced).toHaveLength(6);
    expect(new Set(announced.map((d) => d.programme))).toEqual(new Set(['AMIF 2014-2020']));
    expect(announced.map((d) => d.announcements[0]!.amountEur)).toEqual([null, null, null, null, null, null]);
  });

  it('4.7.2019: the date under the title ("4.7.2019 13.48"); the copy ends before the list, so nothing is announced, and it is not refused', () => {
    const output = read(REAL_RELEASES.eusa20190704fi);
    expect(output.release).toMatchObject({
      date: '2019-07-04',
      programme: 'AMIF 2014-2020',
      subject: 'awards',
    });
    expect(output.mentions).toEqual([]);
    expect(output.warnings).toEqual([expect.stringContaining('names no project and states no amount')]);
  });

  it('1.11.2021: the projects named by "-hankkeeseen" and "(LYRIA-hanke)" of the 2014–2020 programme', () => {
    const output = read(REAL_RELEASES.eusa20211101fi);
    expect(output.release).toMatchObject({
      date: '2021-11-01',
      programme: 'AMIF 2014-2020',
      announcedTotalEur: 7_500_000,
    });
    expect(mentionsOf(output)).toEqual([
      ['PLANE', null, false, 'maahanmuuttovirasto', false],
      ['LYRIA', null, false, 'maahanmuuttovirasto', false],
      ['SEER', null, false, 'maahanmuuttovirasto', false],
    ]);
    expect(linksOf(output)).toEqual(['announced: PLANE', 'announced: LYRIA', 'announced: SEER']);
  });

  it('24.1.2020: news of the applications received is recognised, read as ok and announces nothing', () => {
    const output = read(REAL_RELEASES.eusa20200124applications);
    expect(output.release).toMatchObject({ date: '2020-01-24', subject: 'applications' });
    expect(output.mentions).toEqual([]);
    expect(output.drafts).toEqual([]);
    expect(output.warnings).toEqual([
      expect.stringContaining('note: this is news of a call or of the applications received'),
    ]);
    expect(linkOutputs([table, so1, output]).drafts).toHaveLength(table.drafts.length + so1.drafts.length);
  });
});

describe('migri.fi 1.8.2023: "Maahanmuuttovirastolle myönnetty EU-tukea henkilöstökuluihin"', () => {
  const output = read(REAL_RELEASES.migri20230801fi);

  it('reads the bare date, and each "Myönnetty EU-avustus:" amount under its heading to the cent', () => {
    expect(output.release).toMatchObject({ date: '2023-08-01', lang: 'fi', programme: 'AMIF 2021-2027' });
    expect(mentionsOf(output)).toEqual([
      ['Joustava turvapaikkamenettely', 2_200_120.8, false, 'maahanmuuttovirasto', false],
      ['Tehokkaat oleskelulupaprosessit', 1_706_205.6, false, 'maahanmuuttovirasto', false],
    ]);
    expect(linksOf(output)).toEqual(['Joustava turvapaikkamenettely', 'Tehokkaat oleskelulupaprosessit']);
    const linked = expectNoDuplicates(output);
    expect(linked.drafts.flatMap((d) => d.quality.filter((q) => q.code === 'amount-mismatch'))).toEqual([]);
  });
});
