import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkOutputs } from '../../../functions/core/link';
import { periodFits } from '../../../functions/core/link/unnamed-award-candidates';
import {
  type PressOutput,
  pressOutputSchema,
  type UnnamedAward,
} from '../../../functions/core/model/source-output';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';

// How an award that names neither project nor amount is linked, against the bundled 2021–2027 table.
// No real release has such a sentence for an organisation with a single listed project (see
// real-releases.test.ts for the ones that exist), so the releases here are built by hand.

const table = eusaAmif2021.extract(
  readFileSync(new URL('../../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8'),
);
const URL_ = 'https://example.org/release';

function release(date: string, unnamedAwards: Pick<UnnamedAward, 'text' | 'beneficiaries'>[]): PressOutput {
  return pressOutputSchema.parse({
    kind: 'press-release',
    sourceId: 'intermin-press-test',
    url: URL_,
    pageUpdated: date,
    drafts: [],
    warnings: [],
    release: {
      title: 'Test',
      date,
      lang: 'fi',
      programme: 'AMIF 2021-2027',
      announcedTotalEur: null,
      announcedTotalRaw: null,
      subject: 'awards',
    },
    mentions: [],
    unnamedAwards,
  });
}

const puijola = { id: 'kuopion-setlementti-puijola-ry', name: 'Kuopion Setlementti Puijola ry' };
const pakolaisapu = { id: 'suomen-pakolaisapu-ry', name: 'Suomen Pakolaisapu ry' };
const GBV = 'GBV-Tuva2 – Tukea Suomesta turvaa hakeville sukupuolistunutta väkivaltaa kokeneille';

describe('Unnamed awards', () => {
  it("link to the organisation's only listed project whose period fits, with an announcement without amount", () => {
    // GBV-Tuva2 runs 1.4.2023–31.3.2026; a release of 12.4.2023 fits.
    const linked = linkOutputs([
      table,
      release('2023-04-12', [{ text: 'Puijola sai avustusta.', beneficiaries: [puijola] }]),
    ]);
    const gbv = linked.drafts.find((d) => d.name === GBV)!;
    expect(gbv.announcements).toEqual([{ date: '2023-04-12', url: URL_, lang: 'fi', amountEur: null }]);
    expect(gbv.sources.map((s) => s.id)).toEqual(['eusa-amif-2021', 'intermin-press-test']);
    expect(linked.links.filter((l) => l.sourceId === 'intermin-press-test')).toEqual([
      {
        sourceId: 'intermin-press-test',
        item: 'Kuopion Setlementti Puijola ry, no project named, no amount',
        projectId: gbv.id,
        matchedBy: 'beneficiary',
        note: 'the release names neither project nor amount; the only listed project of the organisation whose period fits the release',
      },
    ]);
    expect(linked.warnings).toEqual([]);
    expect(linked.drafts.filter((d) => d.listing === 'announced')).toEqual([]);
  });

  it('a second award to the same organisation in the release adds no second announcement', () => {
    const award = { text: 'Puijola sai avustusta.', beneficiaries: [puijola] };
    const linked = linkOutputs([table, release('2023-04-12', [award, award])]);
    expect(linked.drafts.find((d) => d.name === GBV)!.announcements).toHaveLength(1);
    expect(linked.links.filter((l) => l.sourceId === 'intermin-press-test').map((l) => l.note)).toEqual([
      'the release names neither project nor amount; the only listed project of the organisation whose period fits the release',
      'the only fitting project of the organisation; the release announces it already, so no second announcement',
    ]);
  });

  it('are not linked when the project ended before the release or began more than a year before it', () => {
    for (const date of ['2026-04-01', '2024-04-02']) {
      const linked = linkOutputs([
        table,
        release(date, [{ text: 'Puijola sai avustusta.', beneficiaries: [puijola] }]),
      ]);
      expect(linked.drafts.find((d) => d.name === GBV)!.announcements).toEqual([]);
      expect(linked.warnings).toEqual([
        'intermin-press-test: note: "Puijola sai avustusta." states an award to Kuopion Setlementti Puijola ry without naming the project or an amount; no listed project of Kuopion Setlementti Puijola ry in AMIF 2021-2027 fits its date, so it was not published as a record',
      ]);
    }
  });

  it('name every fitting candidate when the organisation has several, and link none', () => {
    // Suomen Pakolaisapu ry: Yhteiskuntaorientaatio (1.5.2023–30.4.2025), Rinnakkain (1.1.2024–31.12.2026), Paluu (1.5.2023–30.4.2026).
    const linked = linkOutputs([
      table,
      release('2024-01-15', [{ text: 'Pakolaisapu sai avustusta.', beneficiaries: [pakolaisapu] }]),
    ]);
    expect(linked.warnings).toEqual([
      'intermin-press-test: note: "Pakolaisapu sai avustusta." states an award to Suomen Pakolaisapu ry without naming the project or an amount; 3 listed projects of Suomen Pakolaisapu ry in AMIF 2021-2027 fit its date (Yhteiskuntaorientaation oppimateriaalin ja verkkoalustan kehittäminen; Rinnakkain - Antirasismia arkeen; Paluu), so it was not linked',
    ]);
    expect(linked.drafts.flatMap((d) => d.announcements)).toEqual([]);
    expect(linked.links).toEqual([]);
  });

  it('the date decides between them: on 2.5.2024 only Rinnakkain began less than a year before, so it is the link', () => {
    // Yhteiskuntaorientaatio and Paluu began 1.5.2023, a year and a day before: an earlier call's projects.
    const linked = linkOutputs([
      table,
      release('2024-05-02', [{ text: 'Pakolaisapu sai avustusta.', beneficiaries: [pakolaisapu] }]),
    ]);
    expect(linked.warnings).toEqual([]);
    expect(
      linked.drafts.filter((d) => d.announcements.length > 0).map((d) => [d.name, d.announcements]),
    ).toEqual([
      ['Rinnakkain - Antirasismia arkeen', [{ date: '2024-05-02', url: URL_, lang: 'fi', amountEur: null }]],
    ]);
  });
});

describe('periodFits', () => {
  const project = { startDate: '2023-04-01', endDate: '2026-03-31' };
  it('holds until the end and for releases at most a year after the start, and for unknown dates', () => {
    expect(periodFits(project, '2022-04-01')).toBe(true);
    expect(periodFits(project, '2024-04-01')).toBe(true);
    expect(periodFits(project, '2024-04-02')).toBe(false);
    expect(periodFits(project, '2026-03-31')).toBe(false);
    expect(periodFits({ startDate: '2023-04-01', endDate: null }, '2023-12-01')).toBe(true);
    expect(periodFits({ startDate: null, endDate: '2026-03-31' }, '2026-03-31')).toBe(true);
    expect(periodFits({ startDate: null, endDate: '2026-03-31' }, '2026-04-01')).toBe(false);
    expect(periodFits({ startDate: null, endDate: null }, '2030-01-01')).toBe(true);
  });
});
