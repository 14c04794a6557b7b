import { publishableText } from '../normalise/publishable-text';

/**
 * Removes what a published file cannot carry (characters XML 1.0 forbids, noncharacters) and closes
 * direction controls a text left open (see publishableText); everything else is kept as it was.
 * A scraped page can carry any of them; a single one makes a feed reader reject the whole feed.
 */
export function stripIllegalXmlChars(text: string): string {
  return publishableText(text).text;
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
