import { type AnyNode, isTag, isText } from 'domhandler';
import { collapseWhitespace } from '../normalise/text';

/** Elements that are the site's chrome, not a page's content. */
const CHROME_TAGS: ReadonlySet<string> = new Set([
  'nav',
  'header',
  'footer',
  'aside',
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'a',
]);

/** Blocks end words: "<h1>…Interior</h1><p>This page …" is two words, not "InteriorThis". */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'div',
  'td',
  'th',
  'br',
  'section',
  'article',
]);

/**
 * The text of `root`'s content, white space collapsed: every text inside it but the chrome's
 * (CHROME_TAGS and all they hold), with a space after each block. The walk stops once the text is
 * `enough` characters long, so a large page is not read to its end to learn that it has content;
 * shorter texts come back whole. It reads the page where it is, without copying it.
 */
export function contentText(root: AnyNode, enough = Number.POSITIVE_INFINITY): string {
  const chunks: string[] = [];
  let length = 0;
  let measuredAt = 0;
  const longEnough = (): boolean => {
    // Collapsing never shortens what later text is appended to, so the check can wait for growth.
    if (length - measuredAt < enough) return false;
    measuredAt = length;
    return collapseWhitespace(chunks.join('')).length >= enough;
  };
  const add = (text: string): void => {
    chunks.push(text);
    length += text.length;
  };
  const walk = (node: AnyNode): boolean => {
    if (isText(node)) {
      add(node.data);
      return longEnough();
    }
    if (!isTag(node) || CHROME_TAGS.has(node.name)) return false;
    for (const child of node.children) if (walk(child)) return true;
    if (BLOCK_TAGS.has(node.name)) add(' ');
    return false;
  };
  if (isTag(root)) for (const child of root.children) if (walk(child)) break;
  return collapseWhitespace(chunks.join(''));
}
