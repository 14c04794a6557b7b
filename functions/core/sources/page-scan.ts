import { REQUIRED_CLOSING_TAGS } from './page-limits';

/** What a scan of a page's text finds without building a tree. */
export interface PageScan {
  /** The deepest element nesting seen (up to the limit the scan was given, plus one). */
  readonly maxDepth: number;
  /** Where the first element past the depth limit opens (line, 1-based), or null. */
  readonly tooDeepAtLine: number | null;
  /** Elements of REQUIRED_CLOSING_TAGS that were opened and never closed, outermost first. */
  readonly unclosed: readonly { readonly tag: string; readonly line: number }[];
  readonly elements: number;
}

const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose text is not markup: the scan skips to their end tag. */
const RAW_TEXT_TAGS = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);

/** Where the parser stops looking for an open <p> to close ("button scope"). */
const BUTTON_SCOPE = [
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
  'button',
];
const TABLE_SCOPE = ['table', 'html', 'template'];

/**
 * HTML's optional end tags, as the parser closes them: opening the key closes the nearest open
 * element of `closes` (and everything inside it) unless one of `stop` is nearer, so `<li>a<li>b`
 * and `<tr><td>a<tr>` are siblings and pages that omit these end tags are not counted as deep.
 */
const IMPLIED_END: Readonly<Record<string, { closes: readonly string[]; stop: readonly string[] }>> = {
  li: { closes: ['li'], stop: ['ul', 'ol', ...BUTTON_SCOPE] },
  dt: { closes: ['dt', 'dd'], stop: ['dl', ...BUTTON_SCOPE] },
  dd: { closes: ['dt', 'dd'], stop: ['dl', ...BUTTON_SCOPE] },
  option: { closes: ['option'], stop: ['select', 'datalist', 'optgroup'] },
  td: { closes: ['td', 'th'], stop: ['tr', ...TABLE_SCOPE] },
  th: { closes: ['td', 'th'], stop: ['tr', ...TABLE_SCOPE] },
  tr: { closes: ['tr'], stop: ['tbody', 'thead', 'tfoot', ...TABLE_SCOPE] },
  tbody: { closes: ['tbody', 'thead', 'tfoot'], stop: TABLE_SCOPE },
  thead: { closes: ['tbody', 'thead', 'tfoot'], stop: TABLE_SCOPE },
  tfoot: { closes: ['tbody', 'thead', 'tfoot'], stop: TABLE_SCOPE },
};
const CLOSE_P = { closes: ['p'], stop: BUTTON_SCOPE };
/** Elements that close an open <p>, as in the parser. */
const CLOSES_P = new Set([
  'p',
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'dt',
  'dd',
  'main',
  'nav',
  'ol',
  'pre',
  'section',
  'table',
  'ul',
]);

/** The index of the open element an implied end tag closes, or -1. */
function impliedEnd(
  stack: readonly string[],
  rule: { closes: readonly string[]; stop: readonly string[] },
): number {
  for (let k = stack.length - 1; k >= 0; k--) {
    const open = stack[k]!;
    if (rule.closes.includes(open)) return k;
    if (rule.stop.includes(open)) return -1;
  }
  return -1;
}

const TAG_NAME = /[a-zA-Z][^\s/>]*/y;

/**
 * Scans a page's text for its nesting depth and for required end tags that never come, in one
 * linear pass and without building a DOM, so a hostile page is refused before the parser (whose
 * cost grows with depth) sees it. Stops counting depth at `maxDepth + 1`. An approximation of the
 * HTML parser's tree building: comments, doctype, raw-text elements, quoted attribute values,
 * void elements and optional end tags are handled; misnested formatting is counted as written,
 * which can only overstate the depth.
 */
export function scanPage(html: string, maxDepth: number): PageScan {
  const stack: string[] = [];
  /** Where each open element starts; line numbers are counted only for what is reported. */
  const starts: number[] = [];
  let deepest = 0;
  let tooDeepAt: number | null = null;
  let elements = 0;
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? -1 : html.indexOf('<', end + 3);
      continue;
    }
    const next = html.charCodeAt(i + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf('>', i + 2);
      i = end === -1 ? -1 : html.indexOf('<', end + 1);
      continue;
    }
    const closing = next === 47; /* / */
    TAG_NAME.lastIndex = i + (closing ? 2 : 1);
    const name = TAG_NAME.exec(html)?.[0];
    if (!name) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const tag = name.toLowerCase();
    const end = tagEnd(html, TAG_NAME.lastIndex);
    if (end === -1) break;
    if (closing) {
      truncate(stack, starts, stack.lastIndexOf(tag));
      i = html.indexOf('<', end + 1);
      continue;
    }
    elements++;
    const selfClosing = html.charCodeAt(end - 1) === 47;
    if (CLOSES_P.has(tag)) truncate(stack, starts, impliedEnd(stack, CLOSE_P));
    const implied = IMPLIED_END[tag];
    if (implied) truncate(stack, starts, impliedEnd(stack, implied));
    if (VOID_TAGS.has(tag) || selfClosing) {
      i = html.indexOf('<', end + 1);
      continue;
    }
    if (RAW_TEXT_TAGS.has(tag)) {
      const close = rawTextEnd(html, tag, end + 1);
      i = close === -1 ? -1 : html.indexOf('<', close + 2);
      continue;
    }
    stack.push(tag);
    starts.push(i);
    if (stack.length > deepest) deepest = stack.length;
    if (deepest > maxDepth) {
      tooDeepAt = i;
      break;
    }
    i = html.indexOf('<', end + 1);
  }
  const unclosed = stack.flatMap((tag, k) =>
    REQUIRED_CLOSING_TAGS.has(tag) ? [{ tag, line: lineOf(html, starts[k]!) }] : [],
  );
  return {
    maxDepth: deepest,
    tooDeepAtLine: tooDeepAt === null ? null : lineOf(html, tooDeepAt),
    unclosed,
    elements,
  };
}

/** The 1-based line of a character. */
function lineOf(html: string, index: number): number {
  let line = 1;
  for (let i = html.indexOf('\n'); i !== -1 && i < index; i = html.indexOf('\n', i + 1)) line++;
  return line;
}

const RAW_TEXT_SEARCH = new Map([...RAW_TEXT_TAGS].map((tag) => [tag, new RegExp(`</${tag}[\\s/>]`, 'gi')]));

/** Where the end tag of a raw-text element starts, searching from `from`; -1 if it never comes. */
function rawTextEnd(html: string, tag: string, from: number): number {
  const search = RAW_TEXT_SEARCH.get(tag)!;
  search.lastIndex = from;
  return search.exec(html)?.index ?? -1;
}

/** Closes the open element at `at` and everything inside it; nothing when `at` is -1. */
function truncate(stack: string[], starts: number[], at: number): void {
  if (at === -1) return;
  stack.length = at;
  starts.length = at;
}

/** The index of the `>` that ends a tag whose name ends before `from`, skipping quoted attribute values; -1 if none. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let k = from; k < html.length; k++) {
    const c = html.charCodeAt(k);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k;
  }
  return -1;
}
