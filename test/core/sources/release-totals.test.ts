import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PressOutput } from '../../../functions/core/model/source-output';
import { readAmounts } from '../../../functions/core/normalise/amount-reader';
import { pressReleaseSource } from '../../../functions/core/sources/intermin-press';
import { totalKind } from '../../../functions/core/sources/release-totals';

// A total is never a project: figures of a call, a programme, applications received, or a sum over
// several projects are kept as the release's totals and make no record. The pages below are composed
// in our own words; each reproduces the facts and forms (title, date line, figures as written, list
// form) of the real page named above it.

const page = (lang: string, body: string) =>
  `<!DOCTYPE html><html lang="${lang}"><body><nav><a href="/">Etusivu</a></nav><main>${body}</main>` +
  '<footer><a href="/">Sisäministeriö</a></footer></body></html>';
const read = (url: string, html: string) => pressReleaseSource(url).extract(html) as PressOutput;
const totalsOf = (output: PressOutput) => output.release.totals.map((t) => [t.kind, t.raw, t.eur]);

describe('News of applications received and of a call: every figure a total, no record', () => {
  it('eusa-rahastot2021.fi 19.6.2023 (fi): "AMIF- ja ISF- rahastoista haetaan avustusta yli 22 miljoonaa euroa"', () => {
    // Reproduces https://eusa-rahastot2021.fi/-/amif-ja-isf-rahastoista-haetaan-avustusta-yli-22-miljoonaa-euroa
    // (Julkaisuajankohta 19.6.2023 9.15): its title, its figures (35 applications, over 22 million
    // applied for, 22 AMIF applications for about 9.8 million, about 8.8 million on offer, about 62.4
    // million for the programme period) and the organisations applying; sentences are ours, ISF left out.
    const output = read(
      'https://eusa-rahastot2021.fi/-/amif-ja-isf-rahastoista-haetaan-avustusta-yli-22-miljoonaa-euroa',
      page(
        'fi',
        `<h1>AMIF- ja ISF- rahastoista haetaan avustusta yli 22 miljoonaa euroa</h1>
        <p>Julkaisuajankohta 19.6.2023 9.15</p>
        <p>Ohjelmakauden 2021-2027 kolmas hakukierros päättyi 31.5.2023, ja sisäministeriö sai siinä
        35 hakemusta, joissa EU-rahoitusta haettiin yhteensä yli 22 miljoonaa euroa.</p>
        <h2>AMIF-rahastosta haetaan EU-rahoitusta noin 9,8 miljoonaa euroa</h2>
        <p>AMIF-hakuun tuli 22 hakemusta, ja niissä haetaan yhteensä noin 9,8 miljoonaa euroa. Haettavana oli noin 8,8 miljoonaa euroa.</p>
        <p>Viranomaisista Maahanmuuttovirasto haki avustusta kolmeen hankkeeseen ja THL yhteen hankkeeseen.</p>
        <p>Koko ohjelmakaudella AMIF-rahastosta on haettavissa yhteensä noin 62,4 miljoonaa euroa.</p>`,
      ),
    );
    expect(output.release.subject).toBe('applications');
    expect(totalsOf(output)).toEqual([
      ['applications', 'yli 22 miljoonaa euroa', 22_000_000],
      ['applications', 'noin 9,8 miljoonaa euroa', 9_800_000],
      ['call', 'noin 8,8 miljoonaa euroa', 8_800_000],
      ['programme', 'noin 62,4 miljoonaa euroa', 62_400_000],
    ]);
    expect([output.drafts, output.mentions, output.unnamedAwards]).toEqual([[], [], []]);
    expect(output.warnings[0]).toBe(
      `${output.sourceId}: note: totals of the release, not projects (no record made): ` +
        '"yli 22 miljoonaa euroa" (applied for), "noin 9,8 miljoonaa euroa" (applied for), ' +
        `"noin 8,8 miljoonaa euroa" (offered by the call), "noin 62,4 miljoonaa euroa" (the programme's or fund's)`,
    );
  });

  it('eusa-rahastot.fi 3.6.2021 (sv): "Sammanlagt cirka 8,5 miljoner euro i EU-stöd ansöks ur AMIF-fonden"', () => {
    // Reproduces https://eusa-rahastot.fi/sv/-/sammanlagt-cirka-8-5-miljoner-euro-i-eu-stod-ansoks-ur-amif-fonden
    // (Utgivningsdatum 3.6.2021 8.00): title, 23 applications to the last 2014–2020 call closed 28.5,
    // 16 + seven projects, about 8.1 million on offer 3–28.5.2021; sentences are ours.
    const output = read(
      'https://eusa-rahastot.fi/sv/-/sammanlagt-cirka-8-5-miljoner-euro-i-eu-stod-ansoks-ur-amif-fonden',
      page(
        'sv',
        `<h1>Sammanlagt cirka 8,5 miljoner euro i EU-stöd ansöks ur AMIF-fonden</h1>
        <p>Utgivningsdatum 3.6.2021 8.00</p>
        <p>När den sista AMIF-utlysningen för programperioden 2014–2020 stängde 28.5 hade inrikesministeriet fått 23 ansökningar.</p>
        <p>Av dem gäller 16 projekt fondens grundläggande finansiering och sju projekt de separata anslagen för omplacering.</p>
        <p>I utlysningen, öppen 3–28.5.2021, kunde sökas cirka 8,1 miljoner euro i EU-stöd.</p>`,
      ),
    );
    expect(output.release).toMatchObject({
      subject: 'applications',
      date: '2021-06-03',
      programme: 'AMIF 2014-2020',
    });
    expect(totalsOf(output)).toEqual([['call', 'cirka 8,1 miljoner euro', 8_100_000]]);
    expect(output.drafts).toEqual([]);
  });

  it('eusa-rahastot.fi 3.5.2021 (fi): a call whose list gives each national objective its sum', () => {
    // Reproduces https://eusa-rahastot.fi/-/amif-rahaston-haku-auki-eu-rahoitusta-haettavissa-vahintaan-8-1-miljoonaa-euroa
    // (Julkaisuajankohta 3.5.2021 9.00): title, at least 8.1 million, open until 28.5.2021 at 16.15,
    // and the bullets "Kansallinen tavoite 1.1 …: 157 129,23 euroa" as the page writes them (two of
    // its four); the sentences are ours.
    const output = read(
      'https://eusa-rahastot.fi/-/amif-rahaston-haku-auki-eu-rahoitusta-haettavissa-vahintaan-8-1-miljoonaa-euroa',
      page(
        'fi',
        `<h1>AMIF-rahaston haku auki - EU-rahoitusta haettavissa vähintään 8,1 miljoonaa euroa</h1>
        <p>Julkaisuajankohta 3.5.2021 9.00</p>
        <p>Sisäministeriö avasi 3.5.2021 AMIF-rahaston haun: EU-rahoitusta voi hakea yhteensä vähintään 8,1 miljoonaa euroa 28.5.2021 klo 16.15 asti.</p>
        <p>Perusrahoituksen kansallisille tavoitteille on varattu alustavasti nämä summat:</p>
        <ul><li>Kansallinen tavoite 1.1 Vastaanotto- ja turvapaikkajärjestelmät: 157 129,23 euroa</li>
        <li>Kansallinen tavoite 3.3 Yhteistyö: 475 000,00 euroa</li></ul>`,
      ),
    );
    expect(output.release.subject).toBe('applications');
    expect(totalsOf(output)).toEqual([
      ['call', '8,1 miljoonaa euroa', 8_100_000],
      ['unattributed', '157 129,23 euroa', 157_129.23],
      ['unattributed', '475 000,00 euroa', 475_000],
    ]);
    expect(output.drafts).toEqual([]);
  });
});

describe('totalKind: a prose figure by its words and place', () => {
  const kind = (sentence: string, announced: number | null = null) =>
    totalKind(sentence, readAmounts(sentence)[0]!, announced);

  it('reads sums over several projects, in Finnish cases and Swedish', () => {
    // The words of the real releases: "seitsemään hankkeeseen" (intermin.fi 14.12.2022), "Sju projekt".
    expect(kind('AMIF-rahastosta myönnetään noin 5 miljoonaa euroa seitsemälle hankkeelle.')).toBe('sum');
    expect(kind('Avustusta myönnetään lähes 6 miljoonaa euroa seitsemään hankkeeseen.')).toBe('sum');
    expect(kind('Sju projekt får sammanlagt nästan 6 miljoner euro.')).toBe('sum');
  });

  it('reads applications, calls and programme figures, and the announced total by its place', () => {
    expect(kind('Hakemuksissa haetaan n. 7 miljoonaa euroa.')).toBe('applications');
    expect(kind('EU-tukea oli haettavana n. 8,2 miljoonaa euroa.')).toBe('call');
    expect(kind('Rahaston rahoitusosuus on 67,9 miljoonaa euroa ohjelmakaudella 2021-2027.')).toBe(
      'programme',
    );
    expect(kind('Migri saa lähes 6 miljoonaa euroa.', 6_000_000)).toBe('announced');
  });

  it('leaves one award alone: a figure in brackets, and a prose figure to an organisation', () => {
    expect(kind('Turun kaupungin hanke (331 650 €) alkaa.')).toBeNull();
    expect(
      kind('Maahanmuuttovirastolle myönnettiin n. 2,2 miljoonaa euroa operatiivista tukea.', 6_000_000),
    ).toBeNull();
  });
});

describe('Property: no release of random totals and mentions yields a record without a delimited name', () => {
  const euros = fc
    .integer({ min: 10_000, max: 9_999_999 })
    .map((n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} euroa`);
  const millions = fc
    .tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 9 }))
    .map(([a, b]) => `${a},${b} miljoonaa euroa`);
  const amount = fc.oneof(euros, millions);
  const approx = fc.constantFrom('', 'n. ', 'noin ', 'lähes ');
  const count = fc.constantFrom(
    'seitsemälle hankkeelle',
    'kolmeen hankkeeseen',
    '12 hankkeelle',
    'viiteen uuteen hankkeeseen',
  );
  const name = fc.constantFrom('Polku', 'Kotona Suomessa', 'VAU! Vauhtia uralle', 'Uusi alku', 'TIETO 2');
  const org = fc.constantFrom(
    'Turun kaupungin',
    'Etappi ry:n',
    'Maahanmuuttoviraston',
    'Diakonia-ammattikorkeakoulun',
  );
  const sentence = fc.oneof(
    fc
      .tuple(approx, amount, count)
      .map(([a, m, c]) => ({ text: `Rahastosta myönnetään ${a}${m} ${c}.`, named: null })),
    fc
      .tuple(approx, amount)
      .map(([a, m]) => ({ text: `Hakemuksissa haettiin yhteensä ${a}${m}.`, named: null })),
    fc.tuple(approx, amount).map(([a, m]) => ({ text: `Haussa oli haettavana ${a}${m}.`, named: null })),
    fc
      .tuple(approx, amount)
      .map(([a, m]) => ({ text: `Ohjelmakaudella rahoitusosuus on ${a}${m}.`, named: null })),
    fc.tuple(approx, amount).map(([a, m]) => ({ text: `Lisäksi jaetaan ${a}${m}.`, named: null })),
    fc.tuple(org, amount).map(([o, m]) => ({ text: `${o} hanke saa ${m}.`, named: null })),
    fc
      .tuple(org, name, amount)
      .map(([o, n, m]) => ({ text: `${o} ${n} -hanke (${m}) alkaa syksyllä.`, named: n })),
  );

  it('every draft is a mention whose name the text delimits, and carries that name', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), amount, (sentences, total) => {
        const html = page(
          'fi',
          `<h1>AMIF-rahastosta ${total} avustusta</h1><p>Julkaisuajankohta 14.12.2022 11.35</p>${sentences
            .map((s) => `<p>${s.text}</p>`)
            .join('')}`,
        );
        const output = read('https://intermin.fi/-/testi', html);
        const delimited = sentences.flatMap((s) => (s.named ? [s.named] : []));
        for (const draft of output.drafts) {
          expect(draft.name).not.toMatch(/^\?|: /u);
          expect(delimited).toContain(draft.name);
        }
        for (const mention of output.mentions) {
          if (mention.draftId !== null) expect(mention.name).not.toBeNull();
        }
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});
