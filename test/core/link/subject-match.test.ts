import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkOutputs } from '../../../functions/core/link';
import { SUBJECT_RULES, subjectDecision } from '../../../functions/core/link/subject-match';
import { unnamedAwardCandidates } from '../../../functions/core/link/unnamed-award-candidates';
import type { PressOutput } from '../../../functions/core/model/source-output';
import { roundScore } from '../../../functions/core/normalise/similarity';
import { eusaAmif2014So1, eusaAmif2014So2 } from '../../../functions/core/sources/eusa-amif-2014';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { pressReleaseSource } from '../../../functions/core/sources/intermin-press';
import { REAL_RELEASES, type RealPage, realText } from '../../fixtures/pages/real-pages';
import { textPage } from '../../helpers/text-page';

// The subject linker's decision on every unnamed award sentence of the release fixtures: its winner
// and its margin over the runner-up, against the bundled lists.

const seed = (name: string) => readFileSync(new URL(`../../../seeds/pages/${name}`, import.meta.url), 'utf8');
const lists = [
  eusaAmif2021.extract(seed('eusa-amif-2021.html')),
  eusaAmif2014So1.extract(seed('eusa-amif-2014-so1.html')),
  eusaAmif2014So2.extract(seed('eusa-amif-2014-so2.html')),
];
const listed = lists.flatMap((l) => l.drafts);
const read = (page: RealPage) =>
  pressReleaseSource(page.url).extract(textPage(realText(page), page)) as PressOutput;

/** [sentence start, organisation, candidates, winner or null, best score, margin] per unnamed award and organisation. */
function decisions(output: PressOutput) {
  return output.unnamedAwards.flatMap((award) =>
    award.beneficiaries.map((organisation) => {
      const programme = output.release.programme!;
      const fitting = unnamedAwardCandidates(
        organisation,
        listed.filter((p) => p.programme === programme),
        output.release.date,
      );
      const d = subjectDecision(`${award.text} ${award.context}`, output.release.lang, fitting, [
        organisation.name,
      ]);
      return [
        award.text.slice(0, 40),
        organisation.id,
        fitting.length,
        d.winner?.name ?? null,
        roundScore(d.scores[0]?.score ?? 0),
        roundScore(d.margin),
      ];
    }),
  );
}

describe('Subject decisions on the unnamed award sentences of the real releases', () => {
  it('intermin.fi 14.12.2022 (fi): return counselling is the voluntary return project, by a wide margin', () => {
    expect(decisions(read(REAL_RELEASES.intermin20221214fi))).toEqual([
      [
        'Migri sai operatiivista tukea myös paluu',
        'maahanmuuttovirasto',
        12,
        'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
        23.17,
        15.38,
      ],
    ]);
  });

  it('intermin.fi 14.12.2022 (sv): "Frontex" and "Joutseno" are the only words shared with the Finnish texts', () => {
    expect(decisions(read(REAL_RELEASES.intermin20221214sv))).toEqual([
      [
        'Migrationsverket fick driftsstöd också f',
        'maahanmuuttovirasto',
        12,
        'Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki',
        2.56,
        2.56,
      ],
      ['Migrationsverket beviljades stöd ur AMIF', 'maahanmuuttovirasto', 12, 'VOK-valmius', 2.56, 2.56],
    ]);
  });

  it("migri.fi 1.8.2023: staff costs are every operating support's subject, so no clear winner", () => {
    const [decision] = decisions(read(REAL_RELEASES.migri20230801fi));
    expect(decision).toEqual([
      'Euroopan unionin Turvapaikka-, maahanmuu',
      'maahanmuuttovirasto',
      11,
      null,
      5.59,
      0.92,
    ]);
    expect(decision![5]).toBeLessThan(SUBJECT_RULES.minMargin);
  });

  it('eusa-rahastot.fi 1.11.2021: THL has no fitting 2014–2020 project, so there is nothing to score', () => {
    expect(decisions(read(REAL_RELEASES.eusa20211101fi))).toEqual([
      ['Hankkeisiin saavat tukea Rauhankasvatusi', 'terveyden-ja-hyvinvoinnin-laitos-thl', 0, null, 0, 0],
    ]);
  });
});

describe("A release's language versions share what either links", () => {
  it('a Swedish sentence the subject cannot decide takes the project the Finnish version links at its place', () => {
    const fi = read(REAL_RELEASES.intermin20221214fi);
    const sv = read(REAL_RELEASES.intermin20221214sv);
    // Without the words "Frontex" and "Joutseno" (only the first sentence of each kept), the Swedish
    // text shares nothing with the Finnish project texts.
    const blind: PressOutput = {
      ...sv,
      unnamedAwards: [
        { ...sv.unnamedAwards[0]!, context: '' },
        {
          ...sv.unnamedAwards[1]!,
          text: 'Migrationsverket beviljades stöd ur AMIF-fonden också för utveckling av mottagningsförhållandena.',
        },
      ],
    };
    const alone = linkOutputs([...lists, blind]);
    expect(alone.links.filter((l) => l.item.includes('no project named'))).toEqual([]);
    const both = linkOutputs([...lists, fi, blind]);
    const name = (id: string) => both.drafts.find((d) => d.id === id)!.name;
    expect(
      both.links.filter((l) => l.sourceId === sv.sourceId).map((l) => [name(l.projectId), l.matchedBy]),
    ).toEqual([
      ['Joustava turvapaikkamenettely', 'beneficiary+amount'],
      ['Vapaaehtoisen paluun ja uudelleenkotoutumisen tuki', 'twin'],
      ['VOK-valmius', 'twin'],
    ]);
    const vok = both.drafts.find((d) => d.name === 'VOK-valmius')!;
    expect(vok.announcements.map((a) => [a.date, a.lang, a.amountEur])).toEqual([
      ['2022-12-14', 'fi', null],
      ['2022-12-14', 'sv', null],
    ]);
  });
});
