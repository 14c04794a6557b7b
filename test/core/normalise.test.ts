import { describe, expect, it } from 'vitest';
import { extractAcronym } from '../../functions/core/normalise/acronym';
import { formatEuros } from '../../functions/core/normalise/amount';
import { parseEuroAmount } from '../../functions/core/normalise/amount-reader';
import { beneficiaryId } from '../../functions/core/normalise/beneficiary';
import { parseFinnishDate } from '../../functions/core/normalise/date';
import { parseSpecificObjective } from '../../functions/core/normalise/objective';
import { projectId } from '../../functions/core/normalise/project-id';
import { joinParagraphs } from '../../functions/core/normalise/text';

describe('Normalise: euro amounts', () => {
  it.each([
    ['2200120,8', 220012080],
    ['1153584,12', 115358412],
    ['1 153 584,12 €', 115358412],
    ['1\u00a0153\u00a0584,12\u00a0€', 115358412],
    ['1\u202f153\u202f584,12', 115358412],
    ['78 438 euroa', 7843800],
    ['212 429 euro', 21242900],
    ['126107,4', 12610740],
    ['0,5', 50],
    ['1.153.584,12', 115358412],
  ])('reads %j as %i cents', (raw, cents) => {
    expect(parseEuroAmount(raw)).toEqual({ ok: true, cents });
  });

  it.each(['', 'noin 2 miljoonaa', '1,234,5', '12 34', '1,2,3', '€', '--5'])(
    'keeps %j raw as unreadable',
    (raw) => {
      expect(parseEuroAmount(raw)).toEqual({ ok: false, raw });
    },
  );

  it('formats from integer cents without float drift', () => {
    expect(formatEuros(2200120.8)).toBe('2200120.80');
    expect(formatEuros(0.1 + 0.2)).toBe('0.30');
    expect(formatEuros(26057656.23, ',')).toBe('26057656,23');
  });
});

describe('Normalise: Finnish dates', () => {
  it.each([
    ['1.1.2023', '2023-01-01'],
    ['01.05.2023', '2023-05-01'],
    ['31.12.2025', '2025-12-31'],
    ['29.2.2024', '2024-02-29'],
    [' 1.4.2023 ', '2023-04-01'],
    ['1.4.2023.', '2023-04-01'],
  ])('reads %j as %s', (raw, iso) => {
    expect(parseFinnishDate(raw)).toEqual({ ok: true, iso });
  });

  it.each(['31.11.2021', '29.2.2023', '0.1.2023', '1.13.2023', '2023-01-01', '1.1.23', 'jatkuva', ''])(
    'refuses %j, which is not a date on the calendar',
    (raw) => {
      expect(parseFinnishDate(raw)).toEqual({ ok: false, raw });
    },
  );
});

describe('Normalise: specific objective, text, acronym', () => {
  it('splits the code from the name and collapses the multi-line name', () => {
    expect(
      parseSpecificObjective('3 Osallistutaan laittoman muuttoliikkeen torjuntaan,\ntehostetaan   tehokasta'),
    ).toEqual({
      ok: true,
      objective: {
        code: '3',
        name: 'Osallistutaan laittoman muuttoliikkeen torjuntaan, tehostetaan tehokasta',
      },
    });
    expect(parseSpecificObjective('4 Muu')).toEqual({ ok: false, raw: '4 Muu' });
    expect(parseSpecificObjective('1', { '1': 'Euroopan yhteinen turvapaikkajärjestelmä' })).toEqual({
      ok: true,
      objective: { code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' },
    });
  });

  it('keeps paragraph breaks and collapses white space inside paragraphs', () => {
    expect(joinParagraphs([' Eka\u00a0 kappale ', '', 'Toka\n kappale'])).toBe('Eka kappale\n\nToka kappale');
  });

  it.each([
    ['ADERE - Päätöstoimenpiteen uudistaminen ulkomaalaisasioiden tietojärjestelmässä', 'ADERE'],
    ['KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille', 'KOTU'],
    ['Ennakoiva maatieto (ENNACOI)', 'ENNACOI'],
    ['Paluuyhteistyö Irakissa ja Somaliassa (SOIRE)', 'SOIRE'],
    ['GBV-Tuva2 – Tukea Suomesta turvaa hakeville', 'GBV-Tuva2'],
    ['IKUT 2 Ihmiskaupan uhrien työelämätaitojenvalmennus', 'IKUT 2'],
    ['TASE; Tasa-arvo ja seksuaalioikeus', 'TASE'],
    ['MoniTieto – Laadukas tietopohja', 'MoniTieto'],
    ['Joustava turvapaikkamenettely', null],
    ['Kanava - eroon joutuneiden perheiden tuki', null],
  ])('finds the short name of %j', (name, acronym) => {
    expect(extractAcronym(name)).toBe(acronym);
  });
});

describe('Normalise: identities', () => {
  it('gives an organisation one id across case, accents, punctuation and known aliases', () => {
    expect(beneficiaryId('Helsingin Diakonissalaitoksen säätiö sr.')).toBe(
      'helsingin-diakonissalaitoksen-saatio-sr',
    );
    expect(beneficiaryId('Helsingin Diakonissalaitoksen Säätiö sr')).toBe(
      'helsingin-diakonissalaitoksen-saatio-sr',
    );
    expect(beneficiaryId('Pelastakaa lapset ry')).toBe(beneficiaryId('Pelastakaa Lapset ry'));
    expect(beneficiaryId('Migrationsverket')).toBe('maahanmuuttovirasto');
    expect(beneficiaryId('Suomen Punainen Risti')).not.toBe(beneficiaryId('Suomen Pakolaisapu ry'));
  });

  it('derives project ids from the programme and the name only, ignoring cosmetic edits', () => {
    const id = projectId('AMIF 2021-2027', 'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille');
    expect(id).toMatch(/^amif21-[0-9a-f]{10}$/);
    expect(projectId('AMIF 2021-2027', '  kotu – koulutusta  turvapaikkapuhuttelujen tulkeille.')).toBe(id);
    expect(projectId('AMIF 2014-2020', 'KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille')).not.toBe(id);
    expect(projectId('AMIF 2021-2027', 'KOTU 2 - Koulutusta turvapaikkapuhuttelujen tulkeille')).not.toBe(id);
  });
});

describe('Sources: visible text', () => {
  it('leaves out scripts, styles and templates, and keeps paragraph and line breaks', async () => {
    const { load } = await import('cheerio');
    const { visibleLines } = await import('../../functions/core/sources/html-text');
    const $ = load(
      '<table><tr><td><p>Eka\u00a0 kappale</p><script>var x = "ei näy";</script><style>p{}</style><p>Toka<br>rivi</p><template>ei</template></td></tr></table>',
    );
    expect(visibleLines($('td')[0]!)).toEqual(['Eka kappale', 'Toka', 'rivi']);
  });
});
