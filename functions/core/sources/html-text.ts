import type { AnyNode, Element, Text } from 'domhandler';

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
  // Cells too: "<td>1</td><td>2</td>" reads "1 2", as a reader sees it, not "12".
  'td',
  'th',
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
 * Runs of white space (\s covers U+00A0, U+202F and U+2009; U+200B is added) that collapsing
 * changes: two or more characters, or a single one other than a plain space. Replacing exactly
 * these with ' ' gives the same text as replacing every run, but leaves the common single spaces
 * alone, so already-clean text is not copied.
 */
const SPACE_RUNS = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** The walk's state; module-level functions instead of per-call closures keep big tables cheap. */
interface LineBuffer {
  /** Where finished lines go: collected, or handed to a callback that may stop the walk. */
  readonly lines: string[] | null;
  readonly onLine: ((line: string) => boolean) | null;
  current: string;
  stopped: boolean;
  readonly skip: ((el: Element) => boolean) | undefined;
}

function flush(buffer: LineBuffer): void {
  if (buffer.current === '' || buffer.stopped) return;
  const line = buffer.current.replace(SPACE_RUNS, ' ').trim();
  buffer.current = '';
  if (!line) return;
  if (buffer.lines) buffer.lines.push(line);
  else if (buffer.onLine?.(line)) buffer.stopped = true;
}

/**
 * Walks the tree in document order with an explicit stack instead of recursion, so no nesting
 * depth can overflow the call stack: the parents of the node being read, the index of the next
 * child of each, and whether each is a block (its end starts a new line).
 */
function walk(root: AnyNode, buffer: LineBuffer): void {
  const parents: (readonly AnyNode[])[] = [];
  const nextChild: number[] = [];
  const blocks: boolean[] = [];
  const enter = (n: AnyNode): void => {
    const type = n.type;
    if (type === 'text') {
      buffer.current += (n as Text).data;
      return;
    }
    // <script> and <style> have the node types 'script' and 'style', not 'tag'; neither is visible.
    if (type !== 'tag' && type !== 'root') return;
    const el = n as Element;
    let block = false;
    if (type === 'tag') {
      const tag = el.name.toLowerCase();
      if (SKIPPED_TAGS.has(tag) || buffer.skip?.(el)) return;
      if (tag === 'br') {
        flush(buffer);
        return;
      }
      block = BLOCK_TAGS.has(tag);
    }
    if (block) flush(buffer);
    parents.push(el.children ?? []);
    nextChild.push(0);
    blocks.push(block);
  };
  enter(root);
  while (parents.length > 0 && !buffer.stopped) {
    const top = parents.length - 1;
    const children = parents[top]!;
    const i = nextChild[top]!;
    if (i < children.length) {
      nextChild[top] = i + 1;
      enter(children[i]!);
    } else {
      parents.pop();
      nextChild.pop();
      if (blocks.pop()) flush(buffer);
    }
  }
}

/**
 * The visible lines of an element, as a reader sees them: block elements and `<br>` start new
 * lines, white space inside a line is collapsed, empty lines are dropped. Lets parsers keep the
 * paragraph breaks of a cell without caring whether the CMS used `<p>`, `<div>` or `<br>`.
 */
export function visibleLines(node: AnyNode, options: { skip?: (el: Element) => boolean } = {}): string[] {
  const lines: string[] = [];
  const buffer: LineBuffer = { lines, onLine: null, current: '', stopped: false, skip: options.skip };
  walk(node, buffer);
  flush(buffer);
  return lines;
}

/**
 * Hands the lines `visibleLines` would return to `onLine` one at a time, and stops as soon as it
 * returns true: searches a whole page without holding all of its lines (or one huge string).
 */
export function eachVisibleLine(
  node: AnyNode,
  onLine: (line: string) => boolean,
  options: { skip?: (el: Element) => boolean } = {},
): void {
  const buffer: LineBuffer = { lines: null, onLine, current: '', stopped: false, skip: options.skip };
  walk(node, buffer);
  flush(buffer);
}

/** All visible text of an element on one line. */
export function visibleText(node: AnyNode, options: { skip?: (el: Element) => boolean } = {}): string {
  return visibleLines(node, options).join(' ');
}
