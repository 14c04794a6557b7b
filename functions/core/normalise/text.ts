/** Collapses every run of white space (including no-break spaces) into one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2009\u200b]+/g, ' ').trim();
}

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
