import type { AnyNode, Element } from 'domhandler';

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'table',
  'tr',
  'dl',
  'dt',
  'dd',
  'details',
  'summary',
  'figure',
  'figcaption',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/**
 * The visible lines of an element, as a reader sees them: block elements and `<br>` start new
 * lines, white space inside a line is collapsed, empty lines are dropped. Lets parsers keep the
 * paragraph breaks of a cell without caring whether the CMS used `<p>`, `<div>` or `<br>`.
 */
export function visibleLines(node: AnyNode, options: { skip?: (el: Element) => boolean } = {}): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/[\s\u00a0\u202f\u2009\u200b]+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      current += (n as unknown as { data: string }).data;
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root' && n.type !== 'script' && n.type !== 'style') return;
    const el = n as Element;
    const tag = el.type === 'tag' ? el.name.toLowerCase() : '';
    if (SKIPPED_TAGS.has(tag) || (el.type === 'tag' && options.skip?.(el))) return;
    if (tag === 'br') {
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of el.children ?? []) walk(child);
    if (block) flush();
  };
  walk(node);
  flush();
  return lines;
}

/** All visible text of an element on one line. */
export function visibleText(node: AnyNode, options: { skip?: (el: Element) => boolean } = {}): string {
  return visibleLines(node, options).join(' ');
}
