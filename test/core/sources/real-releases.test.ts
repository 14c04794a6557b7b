import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkOutputs } from '../../../functions/core/link';
import type { PressOutput } from '../../../functions/core/model/source-output';
import { eusaAmif2014So1, eusaAmif2014So2 } from '../../../functions/core/sources/eusa-amif-2014';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { pressReleaseSource } from '../../../functions/core/sources/intermin-press';
import { REAL_RELEASES, type RealPage, realText } from '../../fixtures/pages/real-pages';
import { textPage } from '../../helpers/text-page';

// Golden tests on the facts and forms of real releases (test/fixtures/pages: composed in our words, listed
// in seeds/README.md). Each fixture ends where the stored copy of its page does, at `cutAt`: a mention
// after that point is not in it and not asserted, and the release's own counts and totals cannot be
// checked against a cut page.

const seed = (name: string) => readFileSync(new URL(`../../../seeds/pages/${name}`, import.meta.url), 'utf8');
const table = eusaAmif2021.extract(seed('eusa-amif-2021.html'));
const so1 = eusaAmif2014So1.extract(seed('eusa-amif-2014-so1.html'));
const so2 = eusaAmif2014So2.extract(seed('eusa-amif-2014-so2.html'));

/** The twelve Migri projects of the bundled 2021–2027 table, in its order (see unnamedNote). */
const MIGRI_PROJECTS = [
  'Joustava turvapaikkamenettely',
  'VOK-valmius',
  'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä',
  'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
  'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
  'Ennakoiva maatieto (ENNACOI)',
  'Puheesta tekstiksi',
  'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen',
  'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen',
  'Tehokkaat oleskelulupaprosessit',
  'Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)',
  'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
];

/** The linker's note on an award that names neither project nor amount and fits several listed projects. */
const unnamedNote = (id: string, text: string, org: string, projects: readonly string[]) =>
  `${id}: note: "${text}" states an award to ${org} without naming the project or an amount; ${projects.length} listed projects of ${org} in AMIF 2021-2027 fit its date (${projects.join('; ')}), so it was not linked`;

/** The linker's warnings about a release's unnamed awards, and how many of them it linked. */
function unnamedOutcome(output: PressOutput, lists = [table, so1]) {
  const linked = linkOutputs([...lists, output]);
  return {
    notes: linked.warnings.filter((w) => w.includes('without naming the project or an amount')),
    linked: linked.links.filter((l) => l.item.endsWith('no project named, no amount')),
  };
}

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
      // "Migri sai operatiivista tukea myös paluuneuvonnan ylläpitämiseen.", by its subject (below).
      'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
    ]);
    const linked = expectNoDuplicates(output);
    const joustava = linked.drafts.find((d) => d.name === 'Joustava turvapaikkamenettely')!;
    expect(joustava.quality.filter((q) => q.code === 'amount-mismatch')).toEqual([]);
    expect(joustava.announcements).toEqual([
      { date: '2022-12-14', url: page.url, lang: 'fi', amountEur: 2_200_000, approximate: true },
    ]);
  });

  it('keeps the two award sentences that name neither project nor amount: one introduces VOK-valmius, the other is linked by its subject', () => {
    // "AMIF-rahastosta myönnettiin Migrille … vastaanotto-olosuhteiden kehittämiseen." is followed by
    // "Migrin VOK-valmius hankkeessa …": it introduces that mention and is not an award of its own.
    expect(output.unnamedAwards).toEqual([
      {
        text: 'Migri sai operatiivista tukea myös paluuneuvonnan ylläpitämiseen.',
        beneficiaries: [{ id: 'maahanmuuttovirasto', name: 'Migri' }],
        // The next sentence only explains it: the subject linker reads it too.
        context: expect.stringMatching(
          /^Paluuneuvonnassa Migri ohjaa vastaanottokeskuksia, .* Frontex\); .*\.$/u,
        ),
        mentionsBefore: 1,
      },
    ]);
    expect(output.warnings.filter((w) => w.includes('states an award'))).toEqual([]);
    // All 12 Migri projects fit the date; "paluuneuvonnan", "uudelleenkotoutumista", "Frontex" … decide.
    const { notes, linked } = unnamedOutcome(output);
    expect(notes).toEqual([]);
    expect(linked.map((l) => [l.matchedBy, l.note])).toEqual([
      [
        'subject 23.17',
        'what the sentence is about fits it best among 12 fitting projects of the organisation, by 15.38 over "Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)"',
      ],
    ]);
    const linkedTo = linkOutputs([table, so1, output]).drafts.find((d) => d.id === linked[0]!.projectId)!;
    expect(linkedTo.name).toBe('Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki');
  });
});

describe('intermin.fi 14.12.2022 (sv): "Nästan 6 miljoner euro beviljas ur AMIF-fonden …"', () => {
  const output = read(REAL_RELEASES.intermin20221214sv);

  it('reads "Utgivningsdatum 14.12.2022 11.35" and "cirka 2,2 miljoner euro i driftsstöd" (the copy ends before the projects)', () => {
    expect(output.release).toMatchObject({ date: '2022-12-14', lang: 'sv', programme: 'AMIF 2021-2027' });
    expect(mentionsOf(output)).toEqual([[null, 2_200_000, true, 'maahanmuuttovirasto', true]]);
    expect(linksOf(output)).toEqual([
      'Joustava turvapaikkamenettely',
      'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
      'VOK-valmius',
    ]);
    expectNoDuplicates(output);
  });

  it('reads the Swedish award sentences without name or amount as the Finnish ones and links each by its subject', () => {
    // "Migrationsverket beviljades stöd … mottagningsförhållandena." introduces the next sentence, which
    // speaks of Migri's project without naming it (the Finnish text names it: VOK-valmius).
    const introduced =
      'Migrationsverket beviljades stöd ur AMIF-fonden också för utveckling av mottagningsförhållandena. I Migrationsverkets projekt om flyktingförläggningarnas beredskap utvecklas Migrationsverkets lokaler i flyktingförläggningarna i Helsingfors, Uleåborg och Joutseno samt förläggningarnas utrustning och infrastruktur så att de svarar på dagens behov och stöder beredskapen att svara på plötsliga förändringar i antalet asylsökande.';
    const migri = [{ id: 'maahanmuuttovirasto', name: 'Migrationsverket' }];
    expect(output.unnamedAwards).toEqual([
      {
        text: 'Migrationsverket fick driftsstöd också för att upprätthålla rådgivning om återvändande.',
        beneficiaries: migri,
        context: expect.stringMatching(
          /^I den rådgivningen styr Migrationsverket förläggningarna .* Frontex\); /u,
        ),
        mentionsBefore: 1,
      },
      { text: introduced, beneficiaries: migri, context: '', mentionsBefore: 1 },
    ]);
    // The Swedish words meet the Finnish texts only in names: "Frontex" (the return project's summary)
    // and "Joutseno" (VOK-valmius's), one candidate each, so ln 13 = 2.56 with nothing against it.
    const { notes, linked } = unnamedOutcome(output);
    expect(notes).toEqual([]);
    const drafts = linkOutputs([table, so1, output]).drafts;
    expect(linked.map((l) => [drafts.find((d) => d.id === l.projectId)!.name, l.matchedBy, l.note])).toEqual([
      [
        'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
        'subject 2.56',
        'what the sentence is about fits it best among 12 fitting projects of the organisation, by 2.56 over "Joustava turvapaikkamenettely"',
      ],
      [
        'VOK-valmius',
        'subject 2.56',
        'what the sentence is about fits it best among 12 fitting projects of the organisation, by 2.56 over "Joustava turvapaikkamenettely"',
      ],
    ]);
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
      // The copy ends inside the fourth: no name delimited, no organisation the parser knows, no amount.
      [null, null, false, null, false],
    ]);
    expect(fi.mentions.at(-1)).toMatchObject({
      text: 'Työväen Sivistysliiton Arvosta osaamista – Maahan muuttaneiden naisten työll',
      truncated: true,
      draftId: null,
    });
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
      // The cut mention: "Työväen Sivistysliiton" is the list's "Työväen Sivistysliitto TSL ry", and
      // the words after it begin that organisation's listed project's name.
      'Arvosta osaamista - Maahan muuttaneiden naisten työllistymisen esteiden poistaminen',
    ]);
    expect(linkOutputs([table, so1, fi]).links.at(-1)!.matchedBy).toBe('name+beneficiary');
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
    // "Psyyke – hanke (…)" is the objective-1 page's "Psyyke-hanke" (Maahanmuuttovirasto, from 1.3.2019):
    // the name without "hanke" and the description agrees. The other five are on no bundled list, so
    // each is announced, under 2014–2020.
    expect(linksOf(output)[0]).toBe('Psyyke-hanke');
    const linked = expectNoDuplicates(output);
    const psyyke = linked.drafts.find((d) => d.name === 'Psyyke-hanke')!;
    expect(psyyke.announcements).toEqual([
      { date: '2019-02-18', url: REAL_RELEASES.eusa20190218fi.url, lang: 'fi', amountEur: null },
    ]);
    const announced = linked.drafts.filter((d) => d.listing === 'announced');
    expect(announced.map((d) => d.name)).toEqual([
      'YOUME - Mielenterveyden lähettiläät kotoutumisen voimavarana',
      'Kotoa kotiin ja yhteiskuntaan - valmennusmalli maahanmuuttajanaisten osallistamiseksi yhteiskunnalliseen toimintaan',
      'Kotoa kotiin',
      'Löydä kotisi uudestaan Pohjois-Pohjanmaalta – Maaseutumaisten kuntien alkuvaiheen maahanmuuttajaperheiden kotoutumisen malli',
      'Kotoutumisentukena',
    ]);
    expect(new Set(announced.map((d) => d.programme))).toEqual(new Set(['AMIF 2014-2020']));
    expect(announced.map((d) => d.announcements[0]!.amountEur)).toEqual([null, null, null, null, null]);
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
      // "Lisäksi EU-tukea myönnetään International House Helsingin (IHH) hankkeeseen, jossa … viranomaispal":
      // cut short, no name delimited: reported, never a record.
      [null, null, false, null, false],
    ]);
    expect(linksOf(output)).toEqual(['announced: PLANE', 'announced: LYRIA', 'announced: SEER']);
  });

  it('1.11.2021: "Hankkeisiin saavat tukea Rauhankasvatusinstituutti ry, …" is resolved per organisation; no listed project fits the date', () => {
    const output = read(REAL_RELEASES.eusa20211101fi);
    const sentence =
      'Hankkeisiin saavat tukea Rauhankasvatusinstituutti ry, Laurea-ammattikorkeakoulu Oy, Terveyden ja hyvinvoinnin laitos, LAB-ammattikorkeakoulu Oy sekä Koulutus Elämään Säätiö.';
    expect(output.unnamedAwards).toEqual([
      {
        text: sentence,
        beneficiaries: [
          { id: 'terveyden-ja-hyvinvoinnin-laitos-thl', name: 'Terveyden ja hyvinvoinnin laitos' },
        ],
        context: '',
        mentionsBefore: 0,
      },
    ]);
    // THL has no 2014–2020 project on the bundled lists; LAB has "Arjen apu-hanke" (objective 2), but it
    // began 1.9.2020, more than a year before this release of the last call: not the project announced.
    const note = (org: string) =>
      `${output.sourceId}: note: "${sentence}" states an award to ${org} without naming the project or an amount; no listed project of ${org} in AMIF 2014-2020 fits its date, so it was not published as a record`;
    expect(unnamedOutcome(output, [table, so1, so2])).toEqual({
      notes: [note('Terveyden ja hyvinvoinnin laitos'), note('LAB Ammattikorkeakoulu oy')],
      linked: [],
    });
  });

  it('24.1.2020: news of the applications received is recognised, read as ok and announces nothing', () => {
    // Both "noin miljoona euroa" (a million with no figure) are read as the totals they are.
    const output = read(REAL_RELEASES.eusa20200124applications);
    expect(output.release).toMatchObject({ date: '2020-01-24', subject: 'applications' });
    expect(output.mentions).toEqual([]);
    expect(output.drafts).toEqual([]);
    expect(output.warnings).toEqual([
      `${output.sourceId}: note: totals of the release, not projects (no record made): "noin 9,5 miljoonaa euroa" (applied for), "noin 4,2 miljoonaa euroa" (offered by the call), "noin 6,3 miljoonaa euroa" (applied for), "noin miljoona euroa" (applied for), "noin 270 000 euroa" (applied for), "noin miljoona euroa" (applied for), "780 000 euroa" (applied for)`,
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

  it('the lead "… on myöntänyt Maahanmuuttovirastolle operatiivista tukea henkilöstökuluihin." fits 11 Migri projects and is not linked', () => {
    const lead =
      'Euroopan unionin Turvapaikka-, maahanmuutto- ja kotoutumisrahasto (AMIF) on myöntänyt Maahanmuuttovirastolle operatiivista tukea henkilöstökuluihin.';
    expect(output.unnamedAwards).toEqual([
      {
        text: lead,
        beneficiaries: [{ id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' }],
        context: expect.stringMatching(/^Tuki auttaa Maahanmuuttovirastoa kehittämään /u),
        mentionsBefore: 0,
      },
    ]);
    // Staff costs ("henkilöstökuluihin") are shared by the three operating supports: no subject winner.
    // VOK-valmius ended 31.7.2023, the day before the news: it cannot be the award announced.
    expect(unnamedOutcome(output)).toEqual({
      notes: [
        unnamedNote(
          output.sourceId,
          lead,
          'Maahanmuuttovirasto',
          MIGRI_PROJECTS.filter((p) => p !== 'VOK-valmius'),
        ),
      ],
      linked: [],
    });
  });
});
