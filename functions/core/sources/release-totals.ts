import type { ReleaseTotal } from '../model/source-output';
import type { StatedAmount } from '../normalise/amount-reader';

export type TotalKind = ReleaseTotal['kind'];

/** Sums applied for: "haetaan EU-tukea yhteensä noin 9,5 miljoonaa", "EU-stöd ansöks för …", "applied for". */
const APPLIED =
  /\bhae(?:taan|ttiin)\b|\bhak(?:i|evat|ee|ivat)\b|\bhakemu\p{L}*|\bhankehakemu\p{L}*|\bansök\p{L}*|\bsöks?\b|\bsökte\b|\bapplied\b|\bapplications?\b/iu;
/** What a call offered: "EU-tukea oli haettavana", "myönnettävissä", "kunde ansökas", "available". */
const CALL =
  /\bhaettava\p{L}*|\bhaettavissa\b|\bmyönnettävissä\b|\bjaettavana\b|\bjaossa\b|\bhaussa oli\b|\butlys\p{L}*|\b(?:kan|kunde) sökas\b|\bavailable\b/iu;
/** A programme's or the fund's figure: "ohjelmakaudella", "rahoitusosuus", "programperioden", "allocation". */
const PROGRAMME =
  /\bohjelmakau\p{L}*|\brahoitusosuu\p{L}*|\bkokonaisrahoitu\p{L}*|\bprogramperiod\p{L}*|\bfinansieringsandel\p{L}*|\ballocation\b|\bprogramme period\b/iu;
/** A sum over several projects: "yhteensä", "sammanlagt", "in total", or a count of projects ("seitsemälle hankkeelle"). */
const SUM = /\byhteensä\b|\bkaikkiaan\b|\bsammanlagt\b|\btotalt\b|\btotala\b|\bin total\b|\baltogether\b/iu;
/** A count, in digits or words: Finnish numerals by their stems (every case), Swedish and English ones. */
const NUMBER_WORD = `(?:${[
  String.raw`\d+|kaksi|kahde\p{L}*|kahte\p{L}*|kolm\p{L}*|nelj\p{L}*|viisi|viide\p{L}*|viite\p{L}*|kuusi|kuude\p{L}*`,
  String.raw`kuute\p{L}*|seitsem\p{L}*|kahdeks\p{L}*|yhdeks\p{L}*|kymmen\p{L}*`,
  'två|tre|fyra|fem|sex|sju|åtta|nio|tio|two|three|four|five|six|seven|eight|nine|ten',
].join('|')})`;
/** "seitsemälle hankkeelle", "kahteen uuteen hankkeeseen", "för fyra projekt", "17 projects". */
export const COUNTED = new RegExp(
  String.raw`(?<![\p{L}\d])${NUMBER_WORD}\s+(?:\p{L}+\s+){0,2}(?:projekt|hank|project)`,
  'iu',
);

/**
 * What kind of total a figure written in prose is, or null when it may be one award's. Read by its
 * place first (the release's announced total, from its title or lead, repeated in the body), then by
 * its words, in this order: applied for, a programme's or fund's figure, offered by a call, a sum
 * over several projects.
 * A figure in brackets or after a label ("(EU-rahoitus 113 778 euroa)", "Myönnetty EU-avustus: …")
 * is always one award's and is not asked about.
 */
export function totalKind(
  sentence: string,
  amount: StatedAmount,
  announcedTotalEur: number | null,
): TotalKind | null {
  if (amount.form !== 'prose') return null;
  if (announcedTotalEur !== null && amount.eur === announcedTotalEur) return 'announced';
  if (APPLIED.test(sentence)) return 'applications';
  if (PROGRAMME.test(sentence)) return 'programme';
  if (CALL.test(sentence)) return 'call';
  if (SUM.test(sentence) || COUNTED.test(sentence)) return 'sum';
  return null;
}

/** What a figure of news of a call or of applications received is, when its own words do not say: the news's kind. */
export function newsTotalKind(opening: string): 'applications' | 'call' {
  return !APPLIED.test(opening) && CALL.test(opening) ? 'call' : 'applications';
}
