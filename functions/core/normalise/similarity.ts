import { foldKey } from './text';

/**
 * Words too common in project texts to say anything about which project a text describes
 * (Finnish, Swedish and English function words and project boilerplate), folded.
 */
const STOP_WORDS = new Set(
  [
    'ja',
    'sekä',
    'tai',
    'että',
    'jotta',
    'joka',
    'jotka',
    'jossa',
    'joissa',
    'myös',
    'kuten',
    'mm',
    'muun',
    'muassa',
    'ovat',
    'olla',
    'on',
    'sen',
    'niiden',
    'heidän',
    'tämä',
    'tämän',
    'siten',
    'lisäksi',
    'erityisesti',
    'hanke',
    'hankkeen',
    'hankkeessa',
    'hankkeella',
    'hankkeena',
    'hankkeeseen',
    'projekti',
    'projektin',
    'projektissa',
    'tavoite',
    'tavoitteena',
    'tavoitteet',
    'tavoitteita',
    'och',
    'att',
    'för',
    'som',
    'med',
    'till',
    'projekt',
    'projektet',
    'and',
    'the',
    'for',
    'with',
    'project',
  ].map(foldKey),
);

/** Leading letters a word is cut to: enough to keep compounds apart, few enough to absorb Finnish case endings. */
const STEM_LENGTH = 6;

/**
 * The set of word stems of a text: folded words of three or more letters, stop words dropped, each
 * cut to its first six letters, so "turvapaikkahakemusten" and "turvapaikkahakemuksen" agree.
 */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of foldKey(text).split(' ')) {
    if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    out.add(word.slice(0, STEM_LENGTH));
  }
  return out;
}

/**
 * How much of the shorter text's vocabulary the longer one repeats: |A ∩ B| / min(|A|, |B|), from 0
 * to 1. Suits a short name against a long description.
 */
export function stemSimilarity(a: string, b: string): number {
  const sa = stems(a);
  const sb = stems(b);
  const smaller = Math.min(sa.size, sb.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / smaller;
}

/** Dice coefficient of the stem sets, 2|A ∩ B| / (|A| + |B|): symmetric, for two texts of similar length. */
export function stemDice(a: string, b: string): number {
  return stemSetDice(stems(a), stems(b));
}

/** stemDice of stem sets already computed. */
export function stemSetDice(sa: ReadonlySet<string>, sb: ReadonlySet<string>): number {
  if (sa.size + sb.size === 0) return 0;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return (2 * shared) / (sa.size + sb.size);
}

/**
 * How much of the smaller stem set the larger repeats, |A ∩ B| / min(|A|, |B|); 0 when the smaller has
 * fewer than `minSize` stems (too few words to say what a text is about).
 */
export function stemSetContainment(sa: ReadonlySet<string>, sb: ReadonlySet<string>, minSize = 3): number {
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  if (small.size < minSize) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/** A score rounded down to two decimals, as it is written in `matchedBy` ("text-similarity 0.62"). */
export function roundScore(score: number): number {
  return Math.floor(score * 100 + 1e-9) / 100;
}
