/** How a page's bytes were decoded and why: the evidence order of the HTML standard. */
export interface DecodedHtml {
  readonly text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1252". */
  readonly encoding: string;
  readonly from: 'byte order mark' | 'Content-Type header' | '<meta> declaration' | 'default';
}

/** How far into the page a `<meta charset>` is looked for, as browsers do. */
const PRESCAN_BYTES = 1024;
const META_CHARSET = /<meta\b[^>]*?[\s;"']charset\s*=\s*["']?\s*([^\s"'/>;]+)/i;

/**
 * What windows-1252 has at 0x80–0x9F (undefined bytes left as they are). Some Node versions decode
 * windows-1252 (and so ISO-8859-1) as plain latin1, giving C1 controls for "€", "–" and the curly
 * quotes that Finnish texts written in Word are full of; C1 controls never occur in real text.
 */
const WINDOWS_1252_C1: Readonly<Record<string, string>> = Object.fromEntries(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((char, i) => [
    String.fromCharCode(0x80 + i),
    char,
  ]),
);

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The encoding a label names, or null when this runtime knows no such label. */
export function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** The encoding named by `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top. */
function metaEncoding(bytes: Uint8Array): string | null {
  // Every byte is one character in latin1, so offsets and ASCII markup survive whatever the encoding.
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, PRESCAN_BYTES))
    .replace(/<!--[\s\S]*?-->/g, '');
  const label = META_CHARSET.exec(head)?.[1];
  if (!label) return null;
  const encoding = encodingOf(label);
  // A page cannot declare itself UTF-16 in ASCII markup; the standard reads such a claim as UTF-8.
  return encoding?.startsWith('utf-16') ? 'utf-8' : encoding;
}

/**
 * Decodes an HTML page as a browser would: a byte order mark wins, then the charset of the
 * Content-Type header, then a `<meta>` declaration in the first 1024 bytes, then UTF-8. Without
 * this, a page served as ISO-8859-1 that says so only in `<meta charset>` reads "Sis�ministeri�".
 * ISO-8859-1 is decoded as windows-1252, as the standard (and Node's TextDecoder) do. Throws
 * RangeError when the header names a charset this runtime cannot decode.
 */
export function decodeHtml(bytes: Uint8Array, headerCharset: string | null): DecodedHtml {
  const bom = byteOrderMark(bytes);
  let encoding: string;
  let from: DecodedHtml['from'];
  if (bom) {
    encoding = bom;
    from = 'byte order mark';
  } else if (headerCharset) {
    encoding = new TextDecoder(headerCharset).encoding;
    from = 'Content-Type header';
  } else {
    const meta = metaEncoding(bytes);
    encoding = meta ?? 'utf-8';
    from = meta ? '<meta> declaration' : 'default';
  }
  let text = new TextDecoder(encoding).decode(bytes);
  if (encoding === 'windows-1252') text = text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c] ?? c);
  return { text, encoding, from };
}
