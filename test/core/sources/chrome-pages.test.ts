import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { pressReleaseSource } from '../../../functions/core/sources/intermin-press';
import { migriHankkeet } from '../../../functions/core/sources/migri-hankkeet';

// A page that is only the site's chrome (navigation, a language chooser, a notice that the page is in
// another language) is refused as layout drift, naming what was missing, and never read as a page
// that states no awards or no projects. The pages are composed: issue 21 reports such a 2026 page of
// intermin.fi by its form (site chrome, a language chooser, "This page is in Finnish"), not its address,
// so the address here is a placeholder.

const chrome = (main: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>Ministry of the Interior</title></head><body>
  <header><a href="/en">Ministry of the Interior</a><nav><a href="/">Suomeksi</a> <a href="/sv">På svenska</a> <a href="/en">In English</a></nav></header>
  <nav><ul><li><a href="/en/topics">Topics</a></li><li><a href="/en/media">Media</a></li></ul></nav>
  <main>${main}</main>
  <footer><a href="/en/contact">Contact information</a></footer></body></html>`;

const refusal = (extract: () => unknown): string => {
  try {
    extract();
  } catch (error) {
    expect(error).toBeInstanceOf(PageLayoutError);
    return (error as Error).message;
  }
  throw new Error('the page was read');
};

describe('Pages of chrome only are refused', () => {
  const press = pressReleaseSource('https://example.org/en/-/release');

  it('a <main> holding only links (a language chooser) is refused for every source', () => {
    const html = chrome(
      '<ul><li><a href="/-/tiedote">Suomeksi</a></li><li><a href="/sv/-/pressmeddelande">På svenska</a></li></ul>',
    );
    const expected =
      "page layout changed: expected text in <main> beyond navigation, found only the site's navigation, header, " +
      'footer and links (a page of chrome only; it was not read as "no projects")';
    expect(refusal(() => press.extract(html))).toBe(`${press.id}: ${expected}`);
    expect(refusal(() => eusaAmif2021.extract(html))).toBe(`eusa-amif-2021: ${expected}`);
    expect(refusal(() => migriHankkeet.extract(html))).toBe(`migri-hankkeet: ${expected}`);
  });

  it('a language notice with the chooser is refused, quoting the notice', () => {
    const html = chrome(
      '<h1>Ministry of the Interior</h1><p>This page is in Finnish.</p><p><a href="/-/tiedote">Go to the Finnish page</a></p>',
    );
    expect(refusal(() => press.extract(html))).toBe(
      `${press.id}: page layout changed: expected the page's content in <main>, found a language notice ` +
        '("This page is in Finnish") and 49 characters of text (a page of chrome only; it was not read as "no projects")',
    );
  });

  it('a real release with a language notice beside its text is read', () => {
    const notice = 'This page is in Finnish. '.repeat(1);
    const body = `<h1>Test release</h1><p>Publication date 12.4.2023</p><p>${notice}${'Words of the release. '.repeat(20)}</p>`;
    expect(() => press.extract(chrome(body))).not.toThrow();
  });
});
