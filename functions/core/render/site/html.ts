import { publishableText } from '../../normalise/publishable-text';

/**
 * A tiny HTML builder: every interpolated value is escaped unless it is already SafeHtml, so
 * scraped text can never become markup. Nothing here reads the clock, the disk or the network.
 */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/** Anything escapeHtml must touch; text without any of these is returned as it is. */
const NEEDS_WORK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f&<>"'\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]/;

/**
 * Escapes text for element content and double- or single-quoted attribute values. Characters
 * HTML does not allow (C0 controls other than tab/LF/CR, DEL, noncharacters) are dropped, lone
 * surrogates become U+FFFD and direction controls are balanced (see publishableText). One pass over
 * the text (the site escapes every scraped value of every project three times, once per language),
 * and none at all for the usual text that needs nothing.
 */
export function escapeHtml(raw: string): string {
  if (!NEEDS_WORK.test(raw)) return raw;
  // Noncharacters go, and direction controls left open are closed within the value, so no scraped
  // text reorders what the page shows after it (a name's RLO reversing the amounts beside it).
  const text = publishableText(raw, { loneSurrogates: 'replace' }).text;
  let out = '';
  let from = 0;
  const put = (i: number, replacement: string, width = 1) => {
    out += text.slice(from, i) + replacement;
    from = i + width;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x26) put(i, '&amp;');
    else if (c === 0x3c) put(i, '&lt;');
    else if (c === 0x3e) put(i, '&gt;');
    else if (c === 0x22) put(i, '&quot;');
    else if (c === 0x27) put(i, '&#39;');
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) put(i, '');
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1); // NaN past the end
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else put(i, '\ufffd');
    } else if (c >= 0xdc00 && c <= 0xdfff) put(i, '\ufffd');
  }
  return out + text.slice(from);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results pass through. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Joins values into one SafeHtml, escaping the plain ones. */
export function join(values: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(values.map(render).join(sep));
}

/** Markup produced by this code base itself (never scraped text). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A URL that may go into an href: only absolute http(s) URLs. Anything else (javascript:,
 * data:, relative paths from a source page) is refused so a scraped link cannot run code.
 */
export function externalHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
