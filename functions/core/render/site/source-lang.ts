import type { ProjectRecord } from '../../model/project';
import { type HtmlValue, html, type SafeHtml, trusted } from './html';
import type { Lang } from './i18n';

/**
 * Scraped text keeps the language its source wrote it in, whatever the page's language, so on a
 * page in another language the element holding it says which (WCAG 3.1.2, language of parts):
 * screen readers then pronounce a Finnish project name as Finnish on the English page.
 */

/** The language of a record's own texts: the ministry's and Migri's lists are Finnish; a project known
 * only from press releases is named in the release's language. */
export function recordLang(record: Pick<ProjectRecord, 'status' | 'announcements'>): Lang {
  if (record.status !== 'announced' || record.announcements.length === 0) return 'fi';
  return record.announcements.some((a) => a.lang === 'fi') ? 'fi' : record.announcements[0]!.lang;
}

/** ` lang="fi"` for an element holding text in `text` on a page in `page`; nothing when they agree. */
export function langAttr(page: Lang, text: Lang): SafeHtml {
  return trusted(page === text ? '' : ` lang="${text}"`);
}

/** The value, in a `<span lang>` when its language is not the page's. */
export function inLang(page: Lang, text: Lang, value: HtmlValue): SafeHtml {
  return page === text ? html`${value}` : html`<span lang="${text}">${value}</span>`;
}
