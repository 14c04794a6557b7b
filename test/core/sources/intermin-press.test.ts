import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import type { PressOutput } from '../../../functions/core/model/source-output';
import {
  DEFAULT_PRESS_RELEASE_URLS,
  mentionNames,
  pressReleaseId,
  pressReleaseSource,
  RELEASE_2023_04_12_SV_URL,
} from '../../../functions/core/sources/intermin-press';

const SV_URL = RELEASE_2023_04_12_SV_URL;
const seed = readFileSync(
  new URL('../../../seeds/pages/intermin-press-2023-04-12-sv.html', import.meta.url),
  'utf8',
);

describe('Source intermin-press-2023-04-12-sv: the bundled Swedish release of 12.4.2023', () => {
  const source = pressReleaseSource(SV_URL);
  const output = source.extract(seed) as PressOutput;

  it('is configured by its URL, with the id the snapshot file has', () => {
    expect(DEFAULT_PRESS_RELEASE_URLS).toEqual([SV_URL]);
    expect(source).toMatchObject({ id: 'intermin-press-2023-04-12-sv', url: SV_URL });
  });

  it('reads the date, language, programme and the announced total "10,4 miljoner euro"', () => {
    expect(output.kind).toBe('press-release');
    expect(output.release).toEqual({
      title:
        'Inrikesministeriet beviljar 10,4 miljoner euro EU-finansiering för utveckling av asylsystemet, främjande av integration och stöd till åtgärder för återvändande',
      date: '2023-04-12',
      lang: 'sv',
      programme: 'AMIF 2021-2027',
      announcedTotalEur: 10_400_000,
      announcedTotalRaw: '10,4 miljoner euro',
      subject: 'awards',
      totals: [
        expect.objectContaining({ kind: 'announced', eur: 10_400_000, raw: '10,4 miljoner euro' }),
        // "Den totala finansieringsandelen … under programperioden 2021–2027 uppgår till cirka 62,4
        // miljoner euro, varav det utlystes … cirka 16,8 miljoner euro": the programme's figures.
        expect.objectContaining({ kind: 'programme', eur: 62_400_000, raw: 'cirka 62,4 miljoner euro' }),
        expect.objectContaining({ kind: 'programme', eur: 16_800_000, raw: 'cirka 16,8 miljoner euro' }),
      ],
    });
    expect(output.pageUpdated).toBe('2023-04-12');
    expect(output.warnings).toEqual([
      `intermin-press-2023-04-12-sv: note: totals of the release, not projects (no record made): "cirka 62,4 miljoner euro" (the programme's or fund's), "cirka 16,8 miljoner euro" (the programme's or fund's)`,
    ]);
  });

  it('reads the 19 amounts of dump 003 (17 projects, 2 operating supports) with their names and organisations', () => {
    expect(
      output.mentions.map((m) => [m.amountEur, m.names, m.beneficiary?.id ?? null, m.operatingSupport]),
    ).toEqual([
      [212429, ['KOTU'], 'maahanmuuttovirasto', false],
      [1153584, ['Varausapu 2'], 'maahanmuuttovirasto', false],
      [1444708, ['ADERE'], 'maahanmuuttovirasto', false],
      [677593, ['SOIRE'], 'maahanmuuttovirasto', false],
      [435152, ['Paluu'], 'suomen-pakolaisapu-ry', false],
      [437934, ['PAMI'], 'helsingin-diakonissalaitoksen-saatio-sr', false],
      [143398, ['IP Istanbulprotokollet', 'IP'], 'helsingin-diakonissalaitoksen-saatio-sr', false],
      [270222, ['IKUT 2', 'IKUT'], 'helsingin-diakonissalaitoksen-saatio-sr', false],
      [635626, ['Kompetent'], 'terveyden-ja-hyvinvoinnin-laitos-thl', false],
      [308620, ['GBV-Tuva2'], 'kuopion-setlementti-puijola-ry', false],
      [312496, [], 'suomen-pakolaisapu-ry', false],
      [540412, [], 'kehitysyhtio-savogrow-oy', false],
      [178275, [], 'takuusaatio', false],
      [383913, ['CABLE-metoden'], 'helsingin-seurakuntayhtyma', false],
      [479330, ['Niitty 2'], 'tampereen-ammattikorkeakoulu-oy', false],
      [318825, ['TASE'], 'vaestoliitto', false],
      [460367, ['MoniTieto'], 'terveyden-ja-hyvinvoinnin-laitos-thl', false],
      [1706205, [], 'maahanmuuttovirasto', true],
      [296027, [], 'poliisihallitus', true],
    ]);
    expect(output.mentions.reduce((s, m) => s + (m.amountEur ?? 0), 0)).toBe(10_395_116);
  });

  it('takes the organisation of a mention from the sentence that introduces it', () => {
    const pami = output.mentions.find((m) => m.names.includes('PAMI'))!;
    expect(pami.text).toBe(
      'Projektet PAMI stöder mental hälsa och funktionsförmåga hos mottagningstjänsternas klienter (437 934 euro).',
    );
    expect(pami.beneficiary).toEqual({
      id: 'helsingin-diakonissalaitoksen-saatio-sr',
      name: 'Stiftelsen Helsingfors Diakonissanstalt',
    });
    const kotu = output.mentions[0]!;
    expect(kotu.text).toMatch(/^I projektet KOTU .* \(212 429 euro EU-finansiering\)\.$/);
    expect(kotu.beneficiary).toEqual({ id: 'maahanmuuttovirasto', name: 'Migrationsverket' });
  });

  it('turns every mention with a delimited name into an "announced" draft carrying its announcement', () => {
    // The six without one ("I Garantistiftelsens projekt får …", "Migrationsverket beviljades operativt
    // stöd …") make no record: the linker links them by organisation and amount, or reports them.
    expect(output.mentions.filter((m) => m.draftId === null).map((m) => m.amountEur)).toEqual([
      312496, 540412, 178275, 383913, 1706205, 296027,
    ]);
    expect(output.drafts).toHaveLength(13);
    expect(new Set(output.drafts.map((d) => d.id)).size).toBe(13);
    expect(output.drafts.map((d) => d.name)).not.toContain(expect.stringMatching(/:|\?/u));
    const gbv = output.drafts[9]!;
    expect(gbv).toMatchObject({
      programme: 'AMIF 2021-2027',
      fund: 'AMIF',
      name: 'GBV-Tuva2',
      acronym: 'GBV-Tuva2',
      beneficiary: { id: 'kuopion-setlementti-puijola-ry', name: 'Setlementti Puijola' },
      euFundingEur: 308620,
      listing: 'announced',
      sources: [{ id: 'intermin-press-2023-04-12-sv', url: SV_URL }],
      announcements: [{ date: '2023-04-12', url: SV_URL, lang: 'sv', amountEur: 308620 }],
      quality: [],
    });
    expect(output.drafts[6]!.acronym).toBe('IP');
  });
});

describe('Source intermin-press: configuration and other languages', () => {
  it('derives a source id from any URL deterministically, keeping the bundled one', () => {
    expect(pressReleaseId(SV_URL)).toBe('intermin-press-2023-04-12-sv');
    const fi = 'https://intermin.fi/-/sisaministerio-myontaa-eu-rahoitusta';
    expect(pressReleaseId(fi)).toMatch(/^intermin-press-fi-[0-9a-f]{10}$/);
    expect(pressReleaseId(fi)).toBe(pressReleaseId(fi));
    expect(pressReleaseId('https://intermin.fi/en/-/ministry-grants')).toMatch(
      /^intermin-press-en-[0-9a-f]{10}$/,
    );
    expect(pressReleaseSource(fi, 'intermin-press-x').id).toBe('intermin-press-x');
  });

  it('reads a synthetic Finnish release in the same way', () => {
    const html = `<!DOCTYPE html><html lang="fi"><body><main><article>
      <h1>Sisäministeriö myöntää 1,2 miljoonaa euroa EU-rahoitusta (synteettinen)</h1>
      <p>Julkaisuaika 3.5.2024 10.00</p>
      <p>Sisäministeriö on myöntänyt AMIF-rahastosta yhteensä 1,2 miljoonaa euroa 2 hankkeelle ohjelmakaudella 2021–2027.</p>
      <h2>Kotoutuminen</h2>
      <p>Esimerkkiyhdistys ry:n hankkeessa KOTIX tuetaan kotoutumista (700 000 euroa). Maahanmuuttoviraston hanke Puheesta tekstiksi kehittää puheentunnistusta (500 000 euroa EU-rahoitusta).</p>
      </article></main></body></html>`;
    const output = pressReleaseSource('https://intermin.fi/-/esimerkki').extract(html) as PressOutput;
    expect(output.release).toMatchObject({
      date: '2024-05-03',
      lang: 'fi',
      programme: 'AMIF 2021-2027',
      announcedTotalEur: 1_200_000,
    });
    expect(output.warnings).toEqual([]);
    expect(output.mentions.map((m) => [m.amountEur, m.names, m.beneficiary?.id ?? null])).toEqual([
      [700000, ['KOTIX'], 'esimerkkiyhdistys-ry'],
      [500000, ['Puheesta'], 'maahanmuuttovirasto'],
    ]);
    // The organisation closed by a legal form with its case ending ("ry:n") is read without a list.
    expect(output.drafts[0]!.beneficiary).toEqual({
      id: 'esimerkkiyhdistys-ry',
      name: 'Esimerkkiyhdistys ry',
    });
    expect(output.drafts[0]!.quality).toEqual([]);
  });

  it('warns when the amounts do not add up to the announced total or the project count', () => {
    const html = `<html lang="sv"><body><main><h1>Inrikesministeriet beviljar 5 miljoner euro</h1>
      <p>Utgivningsdatum 1.2.2024</p><p>Finansiering till 3 projekt.</p>
      <p>Projektet ABC får stöd (100 000 euro).</p></main></body></html>`;
    const output = pressReleaseSource('https://intermin.fi/sv/-/x').extract(html);
    expect(output.warnings).toEqual([
      expect.stringMatching(/says 3 projects but names 1 project amounts/),
      expect.stringMatching(/the amounts add up to 100 000 euro, the release announces "5 miljoner euro"/),
    ]);
  });

  it('refuses a page without a title or a date; a release without amounts is read, with a note', () => {
    const source = pressReleaseSource(SV_URL);
    expect(() => source.extract('<html><body><p>x</p></body></html>')).toThrow(PageLayoutError);
    expect(() => source.extract('<html><body><h1>Rubrik</h1><p>Ingen datum.</p></body></html>')).toThrow(
      /expected a publication date/,
    );
    const none = source.extract(
      '<html><body><h1>Rubrik</h1><p>Utgivningsdatum 1.2.2024</p><p>Inga belopp.</p></body></html>',
    ) as PressOutput;
    expect(none.mentions).toEqual([]);
    expect(none.warnings).toEqual([
      expect.stringMatching(/note: the release names no project and states no amount/),
    ]);
  });

  it('names projects by the words after "projekt" and by acronym-like words, not by organisations', () => {
    expect(
      mentionNames('Utvecklingsbolaget SavoGrow Oy:s projekt utvecklar', [
        'Utvecklingsbolaget SavoGrow Oy s',
      ]),
    ).toEqual([]);
    expect(
      mentionNames('Genom projektet SOIRE – samarbete kring återvändande (677 593 euro EU-finansiering)'),
    ).toEqual(['SOIRE']);
  });
});
