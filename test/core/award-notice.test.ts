import { describe, expect, it } from 'vitest';
import { awardNoticeAttributes, buildAwardNotice } from '../../functions/core/award-notice';
import { BASE_URL, PRESS_URL, record } from './render/feed-fixtures';

const RUN = 'run-20261122T040000Z';
const NBSP = '\u00a0';

describe('Award notice', () => {
  const first = record({ id: 'amif21-kotona', name: 'Kotona Suomessa', euFundingEur: 1_153_584.12 });
  const second = record({
    id: 'amif21-kielipolku',
    name: 'Kielipolku',
    beneficiary: { id: 'kielikoulu-ry', name: 'Kielikoulu ry' },
    euFundingEur: null,
    startDate: null,
    endDate: '2027-06-30',
    status: 'announced',
    sources: [{ id: 'intermin-press', url: PRESS_URL }],
    announcements: [{ date: '2026-11-20', url: PRESS_URL, lang: 'fi', amountEur: null }],
  });

  it('writes the whole bilingual text: Finnish list with links, English list, dataset and feed links', () => {
    const notice = buildAwardNotice(RUN, [first, second], BASE_URL);
    expect(notice.runId).toBe(RUN);
    expect(notice.subject).toBe('2 uutta AMIF-hanketta / 2 new AMIF awards');
    expect(notice.awards).toEqual([first, second]);
    expect(notice.text).toBe(
      [
        'Uudet AMIF-rahoitetut hankkeet (2):',
        '',
        'AMIF 2021-2027, erityistavoite 2: Laillinen muuttoliike ja kotoutuminen:',
        '- Kielipolku',
        '  Tuensaaja: Kielikoulu ry',
        '  EU-rahoitus: summa ei tiedossa',
        '  Aika: ?–30.6.2027',
        '  (vasta tiedotteessa, ei vielä ministeriön listalla)',
        `  ${BASE_URL}/v1/projects/amif21-kielipolku.json`,
        '- Kotona Suomessa',
        '  Tuensaaja: Turun kaupunki',
        `  EU-rahoitus: 1${NBSP}153${NBSP}584,12${NBSP}€`,
        '  Aika: 1.1.2024–31.12.2025',
        `  ${BASE_URL}/v1/projects/amif21-kotona.json`,
        '',
        'New AMIF-funded projects (2):',
        '',
        'AMIF 2021-2027, specific objective 2:',
        '- Kielipolku — Kielikoulu ry, amount not known, ?–2027-06-30 (press release only, not yet on the ministry list)',
        '- Kotona Suomessa — Turun kaupunki, EUR 1,153,584.12, 2024-01-01–2025-12-31',
        '',
        `Koko aineisto / full dataset: ${BASE_URL}/v1/projects.json`,
        `Atom: ${BASE_URL}/v1/feed.atom`,
        `Vain oma organisaatio, tavoite tai ohjelma / only one organisation, objective or programme: ${BASE_URL}/#follow`,
      ].join('\n'),
    );
  });

  const asylum = record({
    id: 'amif21-vastaanotto',
    name: 'Vastaanotto',
    beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
    specificObjective: { code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' },
  });
  const older = record({
    id: 'amif14-puijola',
    programme: 'AMIF 2014-2020',
    name: 'Puijolan hanke',
    beneficiary: { id: 'kuopion-setlementti-puijola-ry', name: 'Kuopion Setlementti Puijola ry' },
    specificObjective: { code: '2', name: 'Kotouttaminen ja laillinen maahanmuutto' },
  });

  it('groups the awards of several objectives and programmes, each group by beneficiary', () => {
    const lines = buildAwardNotice(RUN, [first, older, asylum, second], BASE_URL).text.split('\n');
    expect(lines.filter((l) => l.startsWith('AMIF ') || l.startsWith('- '))).toEqual([
      'AMIF 2014-2020, erityistavoite 2: Kotouttaminen ja laillinen maahanmuutto:',
      '- Puijolan hanke',
      'AMIF 2021-2027, erityistavoite 1: Euroopan yhteinen turvapaikkajärjestelmä:',
      '- Vastaanotto',
      'AMIF 2021-2027, erityistavoite 2: Laillinen muuttoliike ja kotoutuminen:',
      '- Kielipolku',
      '- Kotona Suomessa',
      'AMIF 2014-2020, specific objective 2:',
      '- Puijolan hanke — Kuopion Setlementti Puijola ry, EUR 1,000,000.00, 2024-01-01–2025-12-31',
      'AMIF 2021-2027, specific objective 1:',
      '- Vastaanotto — Maahanmuuttovirasto, EUR 1,000,000.00, 2024-01-01–2025-12-31',
      'AMIF 2021-2027, specific objective 2:',
      '- Kielipolku — Kielikoulu ry, amount not known, ?–2027-06-30 (press release only, not yet on the ministry list)',
      '- Kotona Suomessa — Turun kaupunki, EUR 1,153,584.12, 2024-01-01–2025-12-31',
    ]);
  });

  it("carries the union of the awards' programmes, 2021–2027 objectives and beneficiaries as attributes", () => {
    const notice = buildAwardNotice(RUN, [first, older, asylum, second], BASE_URL);
    expect(awardNoticeAttributes(notice)).toEqual({
      programme: ['amif-2014-2020', 'amif-2021-2027'],
      // The 2014–2020 project's objective "2" is another programme's: it is not objective 2.
      objective: ['1', '2'],
      beneficiary: [
        'kielikoulu-ry',
        'kuopion-setlementti-puijola-ry',
        'maahanmuuttovirasto',
        'turun-kaupunki',
      ],
    });
    expect(awardNoticeAttributes(buildAwardNotice(RUN, [older], BASE_URL))).toEqual({
      programme: ['amif-2014-2020'],
      beneficiary: ['kuopion-setlementti-puijola-ry'],
    });
  });

  it('uses the singular for one award and keeps the subject short plain ASCII for e-mail', () => {
    const one = buildAwardNotice(RUN, [first], BASE_URL);
    expect(one.subject).toBe('1 uusi AMIF-hanke / 1 new AMIF award');
    const many = buildAwardNotice(
      RUN,
      Array.from({ length: 1234 }, () => first),
      BASE_URL,
    );
    expect(many.subject).toBe('1234 uutta AMIF-hanketta / 1234 new AMIF awards');
    for (const subject of [one.subject, many.subject]) {
      expect(subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    }
  });

  it('formats small and round amounts with two decimals', () => {
    const text = buildAwardNotice(RUN, [record({ euFundingEur: 999.5 })], BASE_URL).text;
    expect(text).toContain(`EU-rahoitus: 999,50${NBSP}€`);
    expect(text).toContain('EUR 999.50');
  });
});
