import { PageLayoutError } from '../errors';
import { PAGE_LIMITS, REQUIRED_CLOSING_TAGS } from './page-limits';
import { scanPage } from './page-scan';

const CLOSING_LIST = [...REQUIRED_CLOSING_TAGS].map((t) => `<${t}>`).join(', ');

/**
 * Refuses, before any tree is built, a page nested deeper than PAGE_LIMITS.maxDepth (hostile or
 * broken: the parser's cost grows with depth) and a page that opens a table, list, <main> or
 * <article> and never closes it (cut off in transit: its last rows would be missing or empty).
 */
export function guardPage(html: string, sourceId: string): void {
  const scan = scanPage(html, PAGE_LIMITS.maxDepth);
  if (scan.tooDeepAtLine !== null) {
    throw new PageLayoutError(
      sourceId,
      `elements nested at most ${PAGE_LIMITS.maxDepth} deep`,
      `deeper nesting from line ${scan.tooDeepAtLine} (a hostile or broken page; it was not parsed)`,
    );
  }
  if (scan.unclosed.length > 0) {
    const open = scan.unclosed.map((u) => `<${u.tag}> of line ${u.line}`).join(', ');
    throw new PageLayoutError(
      sourceId,
      `a complete page that closes every ${CLOSING_LIST} it opens`,
      `${open} never closed (the page looks cut off)`,
    );
  }
}
