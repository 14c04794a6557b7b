/**
 * Characters XML 1.0 does not allow anywhere in a document, not even as character references
 * (§2.2 Char): C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
 * A scraped page can carry any of them; a single one makes a feed reader reject the whole feed.
 */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Removes what XML 1.0 cannot carry (see above); everything else is kept as it was. */
export function stripIllegalXmlChars(text: string): string {
  let out = '';
  // for…of walks code points, so a valid surrogate pair arrives whole and a lone surrogate alone.
  for (const char of text) {
    if (isXmlChar(char.codePointAt(0)!)) out += char;
  }
  return out;
}

/**
 * Escapes text for an element's content or a quoted attribute value: `&`, `<`, `>` (so `]]>`
 * never appears), both quotes, and CR (which a parser would otherwise turn into LF). Illegal
 * characters are dropped.
 */
export function escapeXml(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"'\r]/g, (c) => XML_ENTITIES[c]!);
}

/**
 * Escapes an attribute value. Besides escapeXml, tab and LF become character references, which
 * attribute-value normalisation would otherwise turn into spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n]/g, (c) => XML_ENTITIES[c]!);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};

export type XmlAttributes = Readonly<Record<string, string | null | undefined>>;

/** `name="value"` pairs in the given order; null and undefined values are left out. */
function attributes(attrs: XmlAttributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
    .join('');
}

/** An element holding escaped text: `<name a="b">text</name>`. */
export function textElement(name: string, text: string, attrs: XmlAttributes = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/** An empty element: `<name a="b"/>`. */
export function emptyElement(name: string, attrs: XmlAttributes = {}): string {
  return `<${name}${attributes(attrs)}/>`;
}

/**
 * An element holding already serialised children, one per line. `depth` is the element's own
 * nesting level: children are indented one level deeper (build nested parents with depth + 1).
 * Only the start of each child is indented, never the text inside it.
 */
export function parentElement(
  name: string,
  children: readonly string[],
  attrs: XmlAttributes = {},
  depth = 0,
): string {
  const pad = '  '.repeat(depth);
  const inner = children.map((c) => `${pad}  ${c}`).join('\n');
  return `<${name}${attributes(attrs)}>\n${inner}\n${pad}</${name}>`;
}
