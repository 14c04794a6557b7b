/** Collapses every run of white space (including no-break spaces) into one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(SPACE_RUNS, ' ').trim();
}

/**
 * The runs that collapsing changes: two or more white-space characters, or one that is not a plain
 * space (\s covers U+00A0, U+202F and U+2009; U+200B is added). Single spaces are left alone, so
 * already-clean text is not copied.
 */
const SPACE_RUNS = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** Paragraphs with their inner white space collapsed, empty ones dropped, joined by a blank line. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map(collapseWhitespace)
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/**
 * A key that ignores what cosmetic edits change: case, accents, punctuation and white space.
 * "Helsingin Diakonissalaitoksen Säätiö sr" and "helsingin diakonissalaitoksen säätiö sr." agree.
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** foldKey with hyphens: readable in URLs and ids. */
export function slugify(text: string): string {
  return foldKey(text).replace(/ /g, '-');
}
