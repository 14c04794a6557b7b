import { describe, expect, it } from 'vitest';
import { findMillionAmount } from '../../../functions/core/normalise/amount-reader';
import { beneficiaryId, findBeneficiaries } from '../../../functions/core/normalise/beneficiary';
import { parseDateRange } from '../../../functions/core/normalise/date-range';
import { matchObjectiveName, parseSpecificObjective } from '../../../functions/core/normalise/objective';
import { roundScore, stemDice, stemSimilarity, stems } from '../../../functions/core/normalise/similarity';

describe('Normalise: date ranges', () => {
  it.each([
    ['1.5.2023-30.4.2025', '2023-05-01', '2025-04-30', ''],
    ['1.11.2022–30.4.2025', '2022-11-01', '2025-04-30', ''],
    ['01.06.2020 - 31.12.2021', '2020-06-01', '2021-12-31', ''],
    ['1.1.2023–31.05.2024', '2023-01-01', '2024-05-31', ''],
    [
      '1.1.2023–31.12.2026. Optio allekirjoitettu jatkosta vuoteen 2028 asti.',
      '2023-01-01',
      '2026-12-31',
      'Optio allekirjoitettu jatkosta vuoteen 2028 asti.',
    ],
  ])('reads %j', (raw, start, end, note) => {
    expect(parseDateRange(raw)).toMatchObject({
      start: { ok: true, iso: start },
      end: { ok: true, iso: end },
      note,
    });
  });

  it('keeps an impossible end date raw next to a good start date', () => {
    expect(parseDateRange('01.06.2020 - 31.11.2021')).toEqual({
      start: { ok: true, iso: '2020-06-01' },
      end: { ok: false, raw: '31.11.2021' },
      rawStart: '01.06.2020',
      rawEnd: '31.11.2021',
      note: '',
    });
  });

  it('answers null for a schedule in prose', () => {
    expect(parseDateRange('Pysyvää Euroopan komission alaista toimintaa')).toBeNull();
    expect(parseDateRange('')).toBeNull();
  });
});

describe('Normalise: amounts in millions', () => {
  it.each([
    ['Inrikesministeriet beviljar 10,4 miljoner euro EU-finansiering', 10_400_000, '10,4 miljoner euro'],
    ['rahoitusosuus on 67,9 miljoonaa euroa ohjelmakaudella 2021-2027', 67_900_000, '67,9 miljoonaa euroa'],
    ['The ministry grants EUR 10.4 million', 10_400_000, 'EUR 10.4 million'],
    ['yhteensä 15,845 miljoonaa euroa', 15_845_000, '15,845 miljoonaa euroa'],
    ['10,4 M€ myönnetty', 10_400_000, '10,4 M€'],
  ])('reads %j', (text, eur, raw) => {
    expect(findMillionAmount(text)).toEqual({ eur, raw });
  });

  it('ignores numbers that are not millions of euros', () => {
    expect(findMillionAmount('17 projekt och 2 Migri-hankkeet, 5 M')).toBeNull();
  });
});

describe('Normalise: organisations named in running text', () => {
  it.each([
    ['I Finlands Flyktinghjälps projekt Paluu', 'suomen-pakolaisapu-ry', 'Finlands Flyktinghjälp'],
    [
      'Utvecklingsbolaget SavoGrow Oy:s projekt utvecklar',
      'kehitysyhtio-savogrow-oy',
      'Utvecklingsbolaget SavoGrow Oy',
    ],
    [
      'I Institutet för hälsa och välfärds projekt',
      'terveyden-ja-hyvinvoinnin-laitos-thl',
      'Institutet för hälsa och välfärd',
    ],
    ['Setlementti Puijolas projekt GBV-Tuva2', 'kuopion-setlementti-puijola-ry', 'Setlementti Puijola'],
    ['I Garantistiftelsens projekt', 'takuusaatio', 'Garantistiftelsen'],
    [
      'Helsingfors kyrkliga samfällighets projekt',
      'helsingin-seurakuntayhtyma',
      'Helsingfors kyrkliga samfällighet',
    ],
    [
      'Tammerfors yrkeshögskolas projekt Niitty 2',
      'tampereen-ammattikorkeakoulu-oy',
      'Tammerfors yrkeshögskola',
    ],
    ['Befolkningsförbundets projekt TASE', 'vaestoliitto', 'Befolkningsförbundet'],
    ['Polisstyrelsens projekt', 'poliisihallitus', 'Polisstyrelsen'],
    ['Maahanmuuttoviraston hanke', 'maahanmuuttovirasto', 'Maahanmuuttovirasto'],
    ['Suomen Pakolaisavun hanke', 'suomen-pakolaisapu-ry', 'Suomen Pakolaisapu'],
  ])('finds the organisation in %j', (text, id, name) => {
    expect(findBeneficiaries(text)[0]).toMatchObject({ id, name });
  });

  it('lists several in order, longest name first where they overlap', () => {
    const found = findBeneficiaries('Migrationsverket och Institutet för hälsa och välfärd samt THL');
    expect(found.map((f) => f.id)).toEqual([
      'maahanmuuttovirasto',
      'terveyden-ja-hyvinvoinnin-laitos-thl',
      'terveyden-ja-hyvinvoinnin-laitos-thl',
    ]);
  });

  it('finds extra names given by the caller (the ministry list beneficiaries)', () => {
    const text = 'Hanketta toteuttaa Nivalan kaupunki yhdessä THL:n kanssa';
    expect(findBeneficiaries(text).map((f) => f.id)).toEqual(['terveyden-ja-hyvinvoinnin-laitos-thl']);
    expect(
      findBeneficiaries(text, [{ id: 'nivalan-kaupunki', name: 'Nivalan kaupunki' }]).map((f) => f.id),
    ).toEqual(['nivalan-kaupunki', 'terveyden-ja-hyvinvoinnin-laitos-thl']);
  });

  it('gives the Swedish, English and Åland names their Finnish organisation', () => {
    expect(beneficiaryId('Ålands landskapsregering')).toBe('ahvenanmaan-maakunnan-hallitus');
    expect(beneficiaryId('Garantistiftelsen')).toBe('takuusaatio');
    expect(beneficiaryId('Finnish Immigration Service')).toBe('maahanmuuttovirasto');
  });
});

describe('Normalise: specific objectives against the fund page', () => {
  const reference = {
    '1': 'Yhteisen eurooppalaisen turvapaikka- ja vastaanottojärjestelmän kehittäminen',
    '2': 'Laillisen maahanmuuton sujuvuuden sekä kolmansien maiden kansalaisten kotoutumisen ja osallisuuden edistäminen',
    '3': 'Laittoman maahanmuuton ehkäiseminen ja toimivien paluujärjestelmien kehittäminen',
  } as const;

  it("keeps the cell's own name when it has one, with or without the reference", () => {
    expect(parseSpecificObjective('1 Euroopan yhteinen turvapaikkajärjestelmä', reference)).toEqual({
      ok: true,
      objective: { code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' },
    });
  });

  it('names a code-only cell from the reference, and refuses it without one', () => {
    expect(parseSpecificObjective('Erityistavoite 2', reference)).toEqual({
      ok: true,
      objective: { code: '2', name: reference['2'] },
    });
    expect(parseSpecificObjective('2')).toEqual({ ok: false, raw: '2' });
  });

  it('finds the code of a name-only cell by the words it shares with a reference name', () => {
    expect(matchObjectiveName('Laillinen maahanmuutto ja kotoutuminen', reference)).toBe('2');
    expect(parseSpecificObjective('Laittoman maahanmuuton ehkäiseminen', reference)).toEqual({
      ok: true,
      objective: { code: '3', name: 'Laittoman maahanmuuton ehkäiseminen' },
    });
    expect(parseSpecificObjective('Tekninen tuki', reference)).toEqual({ ok: false, raw: 'Tekninen tuki' });
    expect(parseSpecificObjective('1.1 Vastaanotto')).toEqual({ ok: false, raw: '1.1 Vastaanotto' });
  });
});

describe('Normalise: text similarity', () => {
  it('compares word stems, so Finnish case endings and stop words do not matter', () => {
    expect([...stems('Turvapaikkahakemusten käsittely ja hankkeessa')]).toEqual(['turvap', 'kasitt']);
    expect(
      stemSimilarity('turvapaikkahakemusten käsittely', 'Turvapaikkahakemuksen käsittelyä nopeutetaan'),
    ).toBe(1);
    expect(stemDice('a b c', '')).toBe(0);
    expect(roundScore(0.629999)).toBe(0.62);
  });
});
