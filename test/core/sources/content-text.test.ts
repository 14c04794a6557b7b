/**
 * The content text the chrome guard reads (functions/core/sources/content-text.ts), walked in place:
 * the same text as the copy-and-strip reading it replaced (kept here as the reference), on every
 * bundled snapshot and page fixture, and a walk that stops once it has read enough.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../../functions/core/normalise/text';
import { contentText } from '../../../functions/core/sources/content-text';

/** The earlier reading: a copy of <main> (or the body), chrome removed, a space after each block. */
function copiedText(html: string): string {
  const $ = load(html);
  const root = $('main').length > 0 ? $('main').first().clone() : $('body').first().clone();
  root.find('nav, header, footer, aside, script, style, noscript, template, form, a').remove();
  root.find('p, h1, h2, h3, h4, h5, h6, li, div, td, th, br, section, article').after(' ');
  return collapseWhitespace(root.text());
}

function walkedText(html: string, enough?: number): string {
  const $ = load(html);
  const root = $('main').length > 0 ? $('main').first() : $('body').first();
  return contentText(root[0]!, enough);
}

const PAGE_DIRS = ['seeds/pages', 'test/fixtures/pages'];
const PAGES = PAGE_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f)),
);

describe('Sources: the content text of a page, read in place', () => {
  it('finds pages to compare', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(16);
  });

  it.each(PAGES)('%s: the same text as the copy-and-strip reading', (path) => {
    const html = readFileSync(path, 'utf8');
    const text = walkedText(html);
    expect(text.length).toBeGreaterThan(400);
    expect(text).toBe(copiedText(html));
  });

  it.each([
    '<main><h1>Sisäministeriö</h1><p>Tämä sivu</p><nav><p>valikko</p></nav>ja<br>loput</main>',
    '<body><header><h1>Otsikko</h1></header><div><a href="/">linkki</a>sisältö<aside>sivu</aside></div></body>',
    '<body><main></main><main><p>toinen</p></main></body>',
    '<body><form><p>haku</p></form><table><tr><td>1</td><td>2</td></tr></table>&nbsp;<!-- kommentti --></body>',
    '<body><template><p>piilossa</p></template><noscript>ei</noscript><section>näkyy</section></body>',
  ])('%s: the same text', (html) => {
    expect(walkedText(html)).toBe(copiedText(html));
  });

  it('stops once it has read enough, and gives a shorter text whole', () => {
    const html = `<main>${Array.from({ length: 2000 }, (_, i) => `<p>kappale ${i}</p>`).join('')}</main>`;
    const full = copiedText(html);
    const partial = walkedText(html, 400);
    expect(partial.length).toBeGreaterThanOrEqual(400);
    expect(partial.length).toBeLessThan(full.length / 10);
    expect(full.startsWith(partial)).toBe(true);
    expect(walkedText('<main><p>lyhyt</p></main>', 400)).toBe('lyhyt');
  });
});
