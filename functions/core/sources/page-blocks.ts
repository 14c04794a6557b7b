import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** One visible block of a page, in reading order: a heading or a piece of text (paragraph, list item…). */
export interface PageBlock {
  readonly kind: 'heading' | 'text';
  /** The element it came from ("h3", "li", "p", "div" for loose text, "summary", "button"). */
  readonly tag: string;
  /** Heading level 1–6 (summary and stand-alone buttons count as 5); null for text. */
  readonly level: number | null;
  /** Visible lines: `<br>` and nested blocks start new lines, white space collapsed, empty lines dropped. */
  readonly lines: readonly string[];
  /** The block's links, with their visible text. */
  readonly links: readonly { readonly href: string; readonly text: string }[];
  /** A list item. */
  readonly listItem: boolean;
  /** All of its text is bold (`<strong>`/`<b>`): CMS editors' way of writing a heading in a paragraph. */
  readonly bold: boolean;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements read as one text block each; their insides are not split further. */
const TEXT_BLOCKS = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'blockquote',
  'figcaption',
  'pre',
  'address',
  'td',
  'th',
]);
/** Elements that only group other blocks: walked through. */
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'ul',
  'ol',
  'dl',
  'details',
  'figure',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'body',
  'html',
  'span',
]);
/** Not content: never read. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'footer',
  'aside',
  'form',
  'head',
]);
const BOLD = new Set(['strong', 'b']);
const SPACE = /[\s\u00a0\u202f\u2009\u200b]+/g;

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function tagOf(node: AnyNode): string {
  return isElement(node) ? node.name.toLowerCase() : '';
}

/** Whether an element starts a block of its own (as opposed to inline text, links, emphasis). */
function isBlock(node: AnyNode): boolean {
  const tag = tagOf(node);
  return (
    HEADINGS.has(tag) ||
    TEXT_BLOCKS.has(tag) ||
    (CONTAINERS.has(tag) && tag !== 'span') ||
    tag === 'summary' ||
    tag === 'button' ||
    tag === 'hr'
  );
}

function plainText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  return isElement(node) && !SKIPPED.has(tagOf(node)) ? node.children.map(plainText).join('') : '';
}

interface Collected {
  lines: string[];
  links: { href: string; text: string }[];
  /** Characters of visible text, and how many of them are inside bold elements. */
  chars: number;
  boldChars: number;
}

function collect(nodes: readonly AnyNode[]): Collected {
  const out: Collected = { lines: [], links: [], chars: 0, boldChars: 0 };
  let current = '';
  const flush = () => {
    const line = current.replace(SPACE, ' ').trim();
    if (line) out.lines.push(line);
    current = '';
  };
  const walk = (node: AnyNode, bold: boolean) => {
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      current += data;
      const visible = data.replace(SPACE, '').length;
      out.chars += visible;
      if (bold) out.boldChars += visible;
      return;
    }
    if (!isElement(node)) return;
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) return;
    if (tag === 'br') {
      flush();
      return;
    }
    if (tag === 'a' && node.attribs.href) {
      out.links.push({ href: node.attribs.href, text: plainText(node).replace(SPACE, ' ').trim() });
    }
    const block = isBlock(node);
    if (block) flush();
    for (const child of node.children) walk(child, bold || BOLD.has(tag));
    if (block) flush();
  };
  for (const node of nodes) walk(node, false);
  flush();
  return out;
}

function textBlock(tag: string, nodes: readonly AnyNode[]): PageBlock | null {
  const c = collect(nodes);
  if (c.lines.length === 0) return null;
  return {
    kind: 'text',
    tag,
    level: null,
    lines: c.lines,
    links: c.links,
    listItem: tag === 'li',
    bold: c.chars > 0 && c.boldChars === c.chars,
  };
}

function headingBlock(tag: string, level: number, node: AnyNode): PageBlock | null {
  const c = collect([node]);
  if (c.lines.length === 0) return null;
  return { kind: 'heading', tag, level, lines: c.lines, links: c.links, listItem: false, bold: true };
}

/**
 * The page's content as a flat list of blocks in reading order, whatever markup the CMS used:
 * headings (h1–h6, an accordion's `<summary>` or stand-alone `<button>`), paragraphs, list items,
 * and loose text inside containers. Navigation, footers, asides, forms and scripts are skipped.
 * `root` narrows the walk to a part of the page (default: `main`, else `article`, else `body`).
 */
export function pageBlocks(page: string | cheerio.CheerioAPI, root?: string): PageBlock[] {
  const $ = typeof page === 'string' ? cheerio.load(page) : page;
  const start =
    (root ? $(root).first() : $('main').first().length ? $('main').first() : $('article').first()).get(0) ??
    $('body').get(0) ??
    $.root().get(0)!;
  const blocks: PageBlock[] = [];
  const push = (block: PageBlock | null) => {
    if (block) blocks.push(block);
  };

  const walkChildren = (children: readonly AnyNode[]) => {
    let run: AnyNode[] = [];
    const flushRun = () => {
      if (run.length > 0) push(textBlock('div', run));
      run = [];
    };
    for (const child of children) {
      if (!isBlock(child) || SKIPPED.has(tagOf(child))) {
        if (!SKIPPED.has(tagOf(child))) run.push(child);
        continue;
      }
      flushRun();
      walk(child);
    }
    flushRun();
  };

  const walk = (node: AnyNode) => {
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) return;
    if (HEADINGS.has(tag)) push(headingBlock(tag, Number(tag.slice(1)), node));
    else if (tag === 'summary' || tag === 'button') push(headingBlock(tag, 5, node));
    else if (TEXT_BLOCKS.has(tag)) push(textBlock(tag, [node]));
    else if (isElement(node)) walkChildren(node.children);
    else if (node.type === 'root') walkChildren((node as unknown as { children: AnyNode[] }).children);
  };

  walk(start);
  return blocks;
}

/** A block's text on one line. */
export function blockText(block: PageBlock): string {
  return block.lines.join(' ');
}
