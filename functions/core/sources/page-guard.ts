import type { CheerioAPI } from 'cheerio';
import { PageLayoutError } from '../errors';
import { contentText } from './content-text';
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

/**
 * A notice that the page exists only in another language ("This page is in Finnish", "Sidan finns
 * bara på finska", "Sivu on saatavilla vain suomeksi"): the site's answer for a page it has not translated.
 */
const LANGUAGE_NOTICE = new RegExp(
  [
    String.raw`\bthis (?:page|content) is (?:only )?(?:available )?in (?:Finnish|Swedish)\b`,
    String.raw`\bsidan finns (?:bara |endast )?på (?:finska|svenska)\b`,
    String.raw`\bsivu on (?:saatavilla )?vain (?:suomeksi|ruotsiksi)\b`,
  ].join('|'),
  'iu',
);
/** Content shorter than this beside a language notice is the notice and its chrome. */
const NOTICE_PAGE_CHARS = 400;

/**
 * Refuses a page that is only the site's chrome: no text in `<main>` (or the body, without one)
 * beyond navigation, headers, footers and links; or a language notice ("This page is in Finnish")
 * with little else. Such a page is layout drift, never a page that states "no projects".
 */
export function guardContent($: CheerioAPI, sourceId: string): void {
  const main = $('main').first();
  const root = main.length > 0 ? main : $('body').first();
  // A text of NOTICE_PAGE_CHARS or more passes both checks, so the walk stops there.
  const text = root.length > 0 ? contentText(root[0]!, NOTICE_PAGE_CHARS) : '';
  const where = main.length > 0 ? '<main>' : 'the page body (it has no <main>)';
  if (text.length === 0) {
    throw new PageLayoutError(
      sourceId,
      `text in ${where} beyond navigation`,
      'only the site\'s navigation, header, footer and links (a page of chrome only; it was not read as "no projects")',
    );
  }
  const notice = LANGUAGE_NOTICE.exec(text);
  if (notice && text.length < NOTICE_PAGE_CHARS) {
    throw new PageLayoutError(
      sourceId,
      `the page's content in ${where}`,
      `a language notice ("${notice[0]}") and ${text.length} characters of text (a page of chrome only; it was not read as "no projects")`,
    );
  }
}
