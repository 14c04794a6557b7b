import type { ProjectDraft } from '../model/project';
import { type StemLang, snowballStems, stemsMatch } from '../normalise/snowball-stems';

/**
 * When a sentence's subject decides between an organisation's projects: the winner's score (the
 * summed weights of the sentence's words its texts share) must reach `minScore`, and lead the
 * runner-up by `minMargin`. A word found in one of N candidates weighs ln(1 + N), one found in all
 * ln 2: so one distinctive word shared (ln 13 ≈ 2.56 among 12) with nothing against it is enough,
 * and two candidates sharing the sentence's words equally give no winner.
 */
export const SUBJECT_RULES = { minScore: 2, minMargin: 1.5 } as const;

/**
 * Words of an award itself rather than of what it is for (support, grant, fund, project, the verbs
 * of granting), in Finnish, Swedish and English: every candidate would share them.
 */
const AWARD_VOCABULARY = [
  'tuki tukea tuen tuella operatiivinen operatiivista operatiivisen toimintatuki avustus avustusta avustuksen',
  'rahoitus rahoitusta rahasto rahastosta rahaston hanke hankkeessa hankkeen hankkeeseen myönnettiin myönnetään',
  'lisäksi myös kehittäminen kehittämiseen kehitetään tarkoituksena tarkoitus',
  'stöd driftsstöd understöd beviljades beviljas finansiering fonden projekt projektet också syftet utveckling',
  'support operating grant funding fund project projects awarded also development',
].join(' ');

/** The fund's own name says nothing of what an award is for ("Turvapaikka-, maahanmuutto- ja kotoutumisrahasto"). */
const FUND_NAME = new RegExp(
  [
    String.raw`(?:Euroopan unionin\s+)?turvapaikka-,\s*maahanmuutto-\s*ja\s*kotou\p{L}*rahasto\p{L}*`,
    String.raw`(?:Europeiska unionens\s+)?asyl-,\s*migrations-\s*och\s*integrationsfond\p{L}*`,
    'Asylum, Migration and Integration Fund',
  ].join('|'),
  'giu',
);

export interface SubjectScore {
  readonly project: ProjectDraft;
  readonly score: number;
}

export interface SubjectDecision {
  /** The one clear winner, or null. */
  readonly winner: ProjectDraft | null;
  /** Every candidate's score, best first (ties in the candidates' order). */
  readonly scores: readonly SubjectScore[];
  /** The best score less the runner-up's (the best score when there is one candidate). */
  readonly margin: number;
}

/** What a candidate is about: its name, the list's summary, and Migri's title, description and goals. */
const subjectText = (p: ProjectDraft): string =>
  [p.name, p.summary, p.migri?.title, p.migri?.description, p.migri?.goals].filter(Boolean).join('\n');

const docStems = new WeakMap<ProjectDraft, Map<StemLang, Set<string>>>();

function stemsOf(project: ProjectDraft, lang: StemLang, stop: ReadonlySet<string>): Set<string> {
  let byLang = docStems.get(project);
  if (!byLang) {
    byLang = new Map();
    docStems.set(project, byLang);
  }
  let found = byLang.get(lang);
  if (!found) {
    found = snowballStems(subjectText(project), lang);
    byLang.set(lang, found);
  }
  return new Set([...found].filter((s) => !stop.has(s)));
}

const shares = (stems: ReadonlySet<string>, stem: string) => [...stems].some((s) => stemsMatch(s, stem));

/**
 * Scores an award sentence that names no project against the candidates (an organisation's listed
 * projects whose period fits), by its content words stemmed in `lang` (Snowball), leaving out the
 * award's own vocabulary and the words of the organisations' names. See SUBJECT_RULES for the decision.
 */
export function subjectDecision(
  text: string,
  lang: StemLang,
  candidates: readonly ProjectDraft[],
  organisationNames: readonly string[],
): SubjectDecision {
  const stop = snowballStems(
    [AWARD_VOCABULARY, ...organisationNames, ...candidates.map((p) => p.beneficiary.name)].join(' '),
    lang,
  );
  const words = snowballStems(text.replace(FUND_NAME, ' '), lang, stop);
  const docs = candidates.map((p) => stemsOf(p, lang, stop));
  const weights = new Map<string, number>();
  for (const word of words) {
    const df = docs.filter((d) => shares(d, word)).length;
    if (df > 0) weights.set(word, Math.log(1 + candidates.length / df));
  }
  const scores = candidates
    .map((project, i) => ({
      project,
      score: [...weights].reduce((sum, [word, w]) => (shares(docs[i]!, word) ? sum + w : sum), 0),
    }))
    .sort((a, b) => b.score - a.score);
  const best = scores[0]?.score ?? 0;
  const margin = best - (scores[1]?.score ?? 0);
  const clear = best >= SUBJECT_RULES.minScore && margin >= SUBJECT_RULES.minMargin;
  return { winner: clear ? scores[0]!.project : null, scores, margin };
}
