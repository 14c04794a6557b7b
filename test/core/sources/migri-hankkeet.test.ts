import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import { instrumentOf, migriHankkeet } from '../../../functions/core/sources/migri-hankkeet';
import { realText } from '../../fixtures/pages/real-pages';
import { textPage } from '../../helpers/text-page';

const seed = readFileSync(new URL('../../../seeds/pages/migri-hankkeet.html', import.meta.url), 'utf8');
const URL_ = 'https://migri.fi/hankkeet';

describe('Source migri-hankkeet: the bundled snapshot', () => {
  const output = migriHankkeet.extract(seed);

  it('reads the 17 blocks of the EUSA section, with schedules and dates as in dump 002', () => {
    expect(output).toMatchObject({ kind: 'migri', sourceId: 'migri-hankkeet', url: URL_, warnings: [] });
    expect(output.drafts.map((d) => [d.name, d.migri!.schedule, d.startDate, d.endDate])).toEqual([
      [
        'ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä',
        '1.5.2023-30.4.2025',
        '2023-05-01',
        '2025-04-30',
      ],
      [
        'AURA - Automaattisen ratkaisun ja jälkikäteisen lupavalvonnan mahdollistaminen',
        '1.11.2022–30.4.2025',
        '2022-11-01',
        '2025-04-30',
      ],
      ['Ennakoiva maatieto (ENNACOI)', '1.11.2023–31.1.2026', '2023-11-01', '2026-01-31'],
      ['Euroopan muuttoliikeverkosto (EMN)', 'Pysyvää Euroopan komission alaista toimintaa', null, null],
      [
        'IPA - itsepalveluautomaatti asiointiin ja tunnistautumiseen',
        '1.1.2023–31.12.2024',
        '2023-01-01',
        '2024-12-31',
      ],
      ['Joustava turvapaikkamenettely', '1.1.2023-31.12.2025', '2023-01-01', '2025-12-31'],
      [
        'Kiintiöpakolaisasian UMA-toimintojen kehittäminen',
        '1.1.2023–31.12.2026',
        '2023-01-01',
        '2026-12-31',
      ],
      [
        'Kiintiöpakolaisten kulttuuriorientaatiokoulutus',
        '1.1.2023–31.12.2026. Optio allekirjoitettu jatkosta vuoteen 2028 asti.',
        '2023-01-01',
        '2026-12-31',
      ],
      [
        'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille ja tulkkauksen käsittelyjärjestelmä',
        '1.5.2023–30.4.2024',
        '2023-05-01',
        '2024-04-30',
      ],
      ['MOVE – sujuvan kuntaan muuton edistäminen', '1.8.2024–31.7.2025', '2024-08-01', '2025-07-31'],
      ['Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)', '1.4.2023–31.3.2025', '2023-04-01', '2025-03-31'],
      ['Tehokkaat oleskelulupaprosessit', '1.3.2023–28.2.2026', '2023-03-01', '2026-02-28'],
      [
        'UMA-kehitys ihmiskaupan uhrien auttamisjärjestelmän tilastointiin ja raportointiin',
        '1.4.2023–31.3.2025',
        '2023-04-01',
        '2025-03-31',
      ],
      [
        'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
        '1.1.2023–31.12.2024',
        '2023-01-01',
        '2024-12-31',
      ],
      [
        'Varausapu 2- turvapaikkakuulemisten varausjärjestelmän uudistaminen',
        '1.5.2023–30.4.2025',
        '2023-05-01',
        '2025-04-30',
      ],
      [
        'VIS- ja IO-velvoitteiden toteutus UMA-järjestelmään',
        '1.1.2023–30.6.2025',
        '2023-01-01',
        '2025-06-30',
      ],
      ['VOK-valmius', '1.1.2023–31.05.2024', '2023-01-01', '2024-05-31'],
    ]);
  });

  it('records each block as Migri’s own project of the EUSA 2021–2027 section', () => {
    for (const d of output.drafts) {
      expect(d).toMatchObject({
        programme: 'EUSA 2021-2027',
        beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
        listing: 'listed',
        sources: [{ id: 'migri-hankkeet', url: URL_ }],
        specificObjective: null,
        euFundingEur: null,
        migri: { url: URL_, title: d.name, matchedBy: 'none' },
      });
      expect(d.id).toMatch(/^eusa20212027-[0-9a-f]{10}$/);
    }
  });

  it('decides the instrument by the text: the VIS/IO block names visa work (BMVI), the others no instrument', () => {
    expect(output.drafts.filter((d) => d.fund !== 'EUSA').map((d) => [d.name, d.fund])).toEqual([
      ['VIS- ja IO-velvoitteiden toteutus UMA-järjestelmään', 'BMVI'],
    ]);
    expect(instrumentOf('viisumitietojärjestelmään (VIS)')).toEqual({
      fund: 'BMVI',
      evidence: 'viisumitietojärjestelmään',
    });
    expect(instrumentOf('rahoitetaan AMIF-rahastosta')).toEqual({ fund: 'AMIF', evidence: 'AMIF' });
    expect(instrumentOf('AMIF ja ISF')).toBeNull();
    expect(instrumentOf('Euroopan muuttoliikeverkosto')).toBeNull();
  });

  it('keeps prose schedules and the note after a date range as schedule-note flags', () => {
    const flags = output.drafts.flatMap((d) => d.quality.map((q) => [d.name, q.code, q.field, q.raw]));
    expect(flags).toEqual([
      [
        'Euroopan muuttoliikeverkosto (EMN)',
        'schedule-note',
        'startDate',
        'Pysyvää Euroopan komission alaista toimintaa',
      ],
      [
        'Kiintiöpakolaisten kulttuuriorientaatiokoulutus',
        'schedule-note',
        'endDate',
        'Optio allekirjoitettu jatkosta vuoteen 2028 asti.',
      ],
    ]);
  });

  it('gives further paragraphs and list items to the label before them', () => {
    const aura = output.drafts.find((d) => d.acronym === 'AURA')!;
    expect(aura.migri!.description).toBe(
      'Hankkeessa rakennetaan automaattisen jälkivalvonnan mekanismit ja mahdollistetaan laajasti automaattisen ratkaisun käyttöönottaminen.',
    );
    const goals = aura.migri!.goals!.split('\n\n');
    expect(goals).toHaveLength(3);
    expect(goals[0]).toMatch(/^Hankkeessa edistetään automaation .* Hankkeella on kaksi tavoitetta:$/);
    expect(goals[1]).toBe(
      '- Jälkivalvonnan automaatio on käytössä ja lupaprosessien automaation ylläpitäminen on sujuvaa ja oikeusvarmaa.',
    );
    const orientation = output.drafts.find((d) => d.name.startsWith('Kiintiöpakolaisten'))!;
    expect(orientation.migri!.goals!.split('\n\n')[1]).toMatch(
      /^Opetuksessa hyödynnetään koulutukseen räätälöityä/,
    );
    expect(orientation.summary).toBe(`${orientation.migri!.description}\n\n${orientation.migri!.goals}`);
  });

  it('reads nothing of the RRF/OLEDIGI section', () => {
    const text = JSON.stringify(output);
    expect(text).not.toMatch(/OLEDIGI|Opiskelijavalintarekisteri|RRF/);
  });
});

describe('Source migri-hankkeet: other markup and broken pages', () => {
  const html = (body: string) =>
    `<!DOCTYPE html><html lang="fi"><body><main><h1>Hankkeet</h1>${body}</main></body></html>`;

  it('reads <details>/<summary> blocks with loose text and a labelled schedule with a hyphen', () => {
    const output = migriHankkeet.extract(
      html(`
      <h2>EU:n sisäasioiden rahastot (EUSA) 2021–2027</h2>
      <details><summary>Esimerkkihanke (ESIM)</summary>
        <div>Aikataulu: 01.02.2024 - 31.01.2026</div>
        <div>Kuvaus: Synteettinen kuvaus.</div>
        <p>Toinen kuvauskappale.</p>
        <div>Tavoitteet: Synteettinen tavoite.</div>
      </details>
      <h2>Muut hankkeet</h2>
      <details><summary>Ei EUSA-hanke</summary><p>Aikataulu: 1.1.2024–31.12.2024</p></details>`),
    );
    expect(
      output.drafts.map((d) => [
        d.name,
        d.acronym,
        d.startDate,
        d.endDate,
        d.migri!.description,
        d.migri!.goals,
      ]),
    ).toEqual([
      [
        'Esimerkkihanke (ESIM)',
        'ESIM',
        '2024-02-01',
        '2026-01-31',
        'Synteettinen kuvaus.\n\nToinen kuvauskappale.',
        'Synteettinen tavoite.',
      ],
    ]);
  });

  it('refuses a page without an EUSA section, or whose EUSA section has no blocks', () => {
    expect(() => migriHankkeet.extract(html('<h2>Hankkeet</h2><p>Uusi sivu.</p>'))).toThrow(PageLayoutError);
    expect(() => migriHankkeet.extract(html('<h2>Hankkeet</h2><p>Uusi sivu.</p>'))).toThrow(
      /^migri-hankkeet: page layout changed: expected a section headed "EU:n sisäasioiden rahastot \(EUSA\) …" .* found the headings "Hankkeet", "Hankkeet"$/,
    );
    expect(() =>
      migriHankkeet.extract(
        html('<h2>EU:n sisäasioiden rahastot (EUSA) 2021–2027</h2><h3>ADERE</h3><p>Kuvaus: x</p>'),
      ),
    ).toThrow(
      /found the section "EU:n sisäasioiden rahastot \(EUSA\) 2021–2027" without any block that has an "Aikataulu:" line/,
    );
  });
});

describe('Source migri-hankkeet: blocks split on their "Aikataulu:" lines, titled or not', () => {
  const headings = [
    'EU:n sisäasioiden rahastot (EUSA) 2021–2027',
    'Maahanmuuttovirastossa käynnissä olevat hankkeet',
    'EU:n elpymis- ja palautumistukiväline (RRF) 2021–2024',
  ];
  const asPage = (text: string) =>
    textPage(text, { lang: 'fi', prelude: [], title: 'Hankkeet', headings }, { linesAsBlocks: true });

  it('reads the 2025 version of the page (cut in its second block, as the stored copy is), one record per block', () => {
    // test/fixtures/pages/migri-hankkeet-2025-fi.txt ends with "luo työprosessin Maahanmuuttoviraston".
    const output = migriHankkeet.extract(asPage(realText({ file: 'migri-hankkeet-2025-fi.txt' })));
    expect(
      output.drafts.map((d) => [
        d.name,
        d.startDate,
        d.endDate,
        d.quality.map((q) => `${q.code}:${q.field}`),
      ]),
    ).toEqual([
      ['Digitaalinen vastuu ja yhteisvastuu (DVY)', '2025-06-01', '2027-01-31', []],
      [
        'Hankkeessa Maahanmuuttoviraston maatietopalvelu luo työprosessin Maahanmuuttoviraston',
        '2023-11-01',
        '2026-01-31',
        ['missing-field:name'],
      ],
    ]);
    expect(output.warnings).toEqual([
      expect.stringContaining(
        'has no title; it is named "Digitaalinen vastuu ja yhteisvastuu (DVY)" after its description',
      ),
      expect.stringContaining('has no title and its description names none'),
    ]);
  });

  it('reads the 17 blocks of dump 002 without their titles (as the text dump gives them), never merging two', () => {
    const output = migriHankkeet.extract(
      asPage(readFileSync(new URL('../../../seeds/text/002_541f48748abfdb07.txt', import.meta.url), 'utf8')),
    );
    expect(output.drafts).toHaveLength(17);
    // Two schedules repeat (1.4.2023–31.3.2025, 1.1.2023–31.12.2024): the schedule alone is not a key.
    expect(new Set(output.drafts.map((d) => d.migri?.schedule)).size).toBe(15);
    expect(output.warnings).toHaveLength(17);
  });
});
