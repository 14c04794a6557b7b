// Named imports: the package marks itself __esModule without a default export.
import { newStemmer } from 'snowball-stemmers';

export type StemLang = 'fi' | 'sv' | 'en';

const ALGORITHM: Readonly<Record<StemLang, string>> = { fi: 'finnish', sv: 'swedish', en: 'english' };
const stemmers = new Map<StemLang, { stem(word: string): string }>();
/**
 * Each language's stems by the word as given: texts repeat their words (the search index stems every
 * word of every record, the linker every title), and the Snowball stemmer is the costliest step of a
 * large run. Stemming is pure, so the cache changes no result; it grows with the vocabulary, not the rows.
 */
const stemCache = new Map<StemLang, Map<string, string>>();

/** Words shorter than this say too little to compare a text's subject ("ja", "och", "EU"). */
const MIN_WORD = 4;

/**
 * A word's Snowball stem in `lang` (lower-cased; "paluuneuvonnan" → "paluuneuvon",
 * "flyktingförläggningarnas" → "flyktingförläggning"). Snowball strips case and derivational endings
 * but does not split compounds: see stemsMatch for those.
 */
export function snowballStem(word: string, lang: StemLang): string {
  let cache = stemCache.get(lang);
  if (!cache) {
    cache = new Map();
    stemCache.set(lang, cache);
  }
  const known = cache.get(word);
  if (known !== undefined) return known;
  let stemmer = stemmers.get(lang);
  if (!stemmer) {
    stemmer = newStemmer(ALGORITHM[lang]);
    stemmers.set(lang, stemmer);
  }
  const stem = stemmer.stem(word.normalize('NFC').toLowerCase());
  cache.set(word, stem);
  return stem;
}

/** The stems of a text's words of four or more letters (digits and punctuation are not words), minus `stop`. */
export function snowballStems(
  text: string,
  lang: StemLang,
  stop: ReadonlySet<string> = new Set(),
): Set<string> {
  const out = new Set<string>();
  for (const word of text.normalize('NFC').split(/[^\p{L}]+/u)) {
    if (word.length < MIN_WORD) continue;
    const stem = snowballStem(word, lang);
    if (stem.length >= MIN_WORD && !stop.has(stem)) out.add(stem);
  }
  return out;
}

/** The shortest stem that may match the start of a longer one: "paluu" in "paluuneuvon", "valmius" in "varautumisvalmiut" not. */
const MIN_PREFIX = 5;

/**
 * Whether two stems name the same thing: equal, or the shorter (five letters or more) begins the
 * longer, so a Finnish compound's first part finds it ("vastaanotto" in "vastaanottokeskust") and
 * Snowball's two stems of one word agree ("uudelleenkotoutum", "uudelleenkotoutumis").
 */
export function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_PREFIX && long.startsWith(short);
}
