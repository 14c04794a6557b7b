import type { AnyNode } from 'domhandler';
import { eachVisibleLine } from './html-text';

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

/**
 * The visible text of `root`'s content (html-text.ts's lines, joined by spaces), leaving out the
 * chrome (CHROME_TAGS and all they hold). The walk stops once the text is `enough` characters
 * long, so a large page is not read to its end to learn that it has content; shorter texts come
 * back whole. It reads the page where it is, without copying it.
 */
export function contentText(root: AnyNode, enough = Number.POSITIVE_INFINITY): string {
  const lines: string[] = [];
  let length = -1;
  eachVisibleLine(
    root,
    (line) => {
      lines.push(line);
      length += line.length + 1;
      return length >= enough;
    },
    { skip: (el) => CHROME_TAGS.has(el.name.toLowerCase()) },
  );
  return lines.join(' ');
}
