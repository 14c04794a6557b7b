import type { ProjectRecord } from '../../model/project';
import { type StemLang, snowballStem } from '../../normalise/snowball-stems';
import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from '../output-file';
import type { RenderContext, Renderer } from '../render-context';
import { recordLang } from './source-lang';

/**
 * The front page's search index: the Snowball stems (snowball-stemmers: Finnish, Swedish, English)
 * of every project's name, beneficiary, summary and Migri texts, each stemmed in its own language,
 * with the projects each stem occurs in. Rendered at publish time; the browser loads it on the
 * first search and matches the typed words against its stems with STEM_SEARCH_JS (see docs/search.md).
 */

export const SEARCH_INDEX_KEY = 'v1/search-index.json';

/** Shorter stems are left to the literal search: they would match too much by prefix. */
export const MIN_INDEXED_STEM = 5;

export interface SearchIndex {
  readonly schemaVersion: 1;
  readonly stemmer: string;
  /** Project ids; the stems' lists are positions in it. */
  readonly ids: readonly string[];
  /** Stem → ascending positions of the projects whose texts have a word with that stem. */
  readonly stems: Readonly<Record<string, readonly number[]>>;
}

/** A record's searchable texts with the language each is written in. */
export function searchTexts(r: ProjectRecord): { readonly text: string; readonly lang: StemLang }[] {
  const own = recordLang(r);
  const m = r.migri;
  const texts: { text: string | null | undefined; lang: StemLang }[] = [
    { text: r.name, lang: own },
    { text: r.beneficiary.name, lang: own },
    { text: r.summary, lang: own },
    ...[m?.title, m?.description, m?.goals].map((text) => ({ text, lang: 'fi' as const })),
    ...[m?.sv?.title, m?.sv?.description, m?.sv?.goals].map((text) => ({ text, lang: 'sv' as const })),
    ...[m?.en?.title, m?.en?.description, m?.en?.goals].map((text) => ({ text, lang: 'en' as const })),
  ];
  return texts.flatMap((t) => (t.text ? [{ text: t.text, lang: t.lang }] : []));
}

/** The stems of a record's words, as the index keeps them. */
export function recordStems(r: ProjectRecord): Set<string> {
  const stems = new Set<string>();
  for (const { text, lang } of searchTexts(r)) {
    for (const word of text
      .normalize('NFC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < MIN_INDEXED_STEM) continue;
      const stem = snowballStem(word, lang);
      if (stem.length >= MIN_INDEXED_STEM) stems.add(stem);
    }
  }
  return stems;
}

export function buildSearchIndex(records: readonly ProjectRecord[]): SearchIndex {
  const postings = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const stem of recordStems(r)) {
      const list = postings.get(stem);
      if (list) list.push(i);
      else postings.set(stem, [i]);
    }
  });
  const stems: Record<string, number[]> = {};
  for (const stem of [...postings.keys()].sort()) stems[stem] = postings.get(stem)!;
  return {
    schemaVersion: 1,
    stemmer: 'snowball-stemmers 0.6.0 (finnish, swedish, english)',
    ids: records.map((r) => r.id),
    stems,
  };
}

/** v1/search-index.json, beside projects.json: the front page loads it with the full records (a search, a filter, "show all"). */
export const renderSearchIndex: Renderer = (ctx: RenderContext): OutputFile[] => [
  {
    key: SEARCH_INDEX_KEY,
    // Compact: it is read by the script, not by people, and every byte is loaded on the first search.
    body: `${JSON.stringify(buildSearchIndex(ctx.records))}\n`,
    contentType: CONTENT_TYPES.json,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  },
];

/**
 * The browser's side, as script text shared by the site's script and the tests: which projects a
 * typed word finds through the index. The browser has no stemmer (snowball-stemmers is 868 KB for
 * all its languages); instead the index's own stems are the candidates. A stem matches a word when
 * it is at least five letters, at most four shorter than the word, and agrees with the word's start
 * up to its last letter: "kotoutuminen" finds the stems of "kotoutumisen" (kotoutumis), "kotoutumista"
 * (kotoutum) and itself (kotoutumin), not of "kotouttamisen" (kotouttamis), another verb. Written in
 * ES5 without template literals, like the site's script.
 */
export const STEM_SEARCH_JS = String.raw`var amifStemSearch = (function () {
  function commonPrefix(a, b) {
    var n = Math.min(a.length, b.length);
    var i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
  }
  function stemMatches(stem, word) {
    if (stem.length < ${MIN_INDEXED_STEM} || stem.length < word.length - 4) return false;
    return commonPrefix(stem, word) >= Math.min(stem.length, word.length) - 1;
  }
  /** The ids of the projects a typed word finds through the index; null when the word is too short. */
  function find(index, word) {
    word = String(word).normalize('NFC').toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!index || !index.stems || word.length < ${MIN_INDEXED_STEM}) return null;
    var found = new Set();
    var first = word.slice(0, ${MIN_INDEXED_STEM - 1});
    Object.keys(index.stems).forEach(function (stem) {
      if (stem.slice(0, ${MIN_INDEXED_STEM - 1}) !== first || !stemMatches(stem, word)) return;
      index.stems[stem].forEach(function (i) { found.add(index.ids[i]); });
    });
    return found;
  }
  return { find: find, stemMatches: stemMatches };
})();
`;
