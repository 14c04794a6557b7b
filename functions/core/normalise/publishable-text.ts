/**
 * Text every published format can carry. A scraped page can hold characters that XML 1.0 forbids
 * (§2.2 Char: C0 controls other than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF) and other
 * Unicode noncharacters (U+FDD0–U+FDEF, U+nFFFE and U+nFFFF of every plane), which a spreadsheet,
 * a feed reader or an RDF parser may refuse outright; and direction controls (embeddings,
 * overrides, isolates) left open, which reorder whatever a page shows after the text.
 */

/** Whether a code point may appear in every published format. */
export function isPublishableCodePoint(code: number): boolean {
  const xml =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return xml && !(code >= 0xfdd0 && code <= 0xfdef) && (code & 0xfffe) !== 0xfffe;
}

/** U+202A–U+202E open (embeddings, overrides) or close (PDF) a level; U+2066–U+2069 isolate. */
const OPENERS_PDF = new Set([0x202a, 0x202b, 0x202d, 0x202e]);
const PDF = 0x202c;
const OPENERS_PDI = new Set([0x2066, 0x2067, 0x2068]);
const PDI = 0x2069;
const MAY_NEED_WORK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]/;

export interface PublishableText {
  readonly text: string;
  /** The code points removed, in order. */
  readonly removed: readonly number[];
  /** The direction controls that were left open and are closed at the end, or closed without opening and dropped. */
  readonly bidi: readonly number[];
}

/**
 * Removes what cannot be published and balances direction controls: a closer without its opener is
 * dropped, an opener left open is closed at the end of the text, so the text cannot reorder what
 * follows it. Text that needs nothing is returned as it is.
 */
export function publishableText(
  text: string,
  options: { readonly loneSurrogates?: 'remove' | 'replace' } = {},
): PublishableText {
  // Astral noncharacters (U+1FFFE…) are surrogate pairs: the pattern sees their high surrogate.
  if (!MAY_NEED_WORK.test(text)) return { text, removed: [], bidi: [] };
  const removed: number[] = [];
  const bidi: number[] = [];
  const open: number[] = [];
  let out = '';
  // for…of walks code points: a valid pair arrives whole, a lone surrogate alone.
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (!isPublishableCodePoint(code)) {
      removed.push(code);
      // The site has always shown a lone surrogate as U+FFFD, the replacement character.
      if (options.loneSurrogates === 'replace' && code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
      continue;
    }
    if (OPENERS_PDF.has(code) || OPENERS_PDI.has(code)) open.push(code);
    else if (code === PDF || code === PDI) {
      const want = (c: number) => (code === PDF ? OPENERS_PDF.has(c) : OPENERS_PDI.has(c));
      const at = open.findLastIndex(want);
      if (at < 0) {
        bidi.push(code);
        continue;
      }
      open.length = at; // a closer closes everything opened inside it too
    }
    out += char;
  }
  for (const code of open.reverse()) {
    bidi.push(code);
    out += String.fromCodePoint(OPENERS_PDF.has(code) ? PDF : PDI);
  }
  return { text: out, removed, bidi };
}

/** `U+FFFE`: how a code point is named in a message. */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const isDirectionControl = (code: number) =>
  (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/**
 * The text with every unpublishable code point and every direction control written as `\u{FFFE}`:
 * the raw text, every code point kept, safe to publish anywhere.
 */
export function escapedRaw(text: string): string {
  if (!MAY_NEED_WORK.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out +=
      isPublishableCodePoint(code) && !isDirectionControl(code)
        ? char
        : `\\u{${code.toString(16).toUpperCase()}}`;
  }
  return out;
}
