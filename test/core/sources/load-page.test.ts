import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import {
  loadPage,
  sourceWithParseDeadline,
  withParseDeadline,
} from '../../../functions/core/sources/load-page';
import { PAGE_LIMITS, parseBudgetMs } from '../../../functions/core/sources/page-limits';

const SEED = readFileSync(new URL('../../../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');

const piece = fc.constantFrom(
  '<p>a',
  '</p>',
  '<table>',
  '<a href="x>y">',
  '<tr><td>',
  '</table>',
  '<b>',
  '</i>',
  '\r\n',
  '😀',
  '&amp;&eacute',
  '<script>if (a<b) {}</script>',
  '<!-- <table> -->',
  '<br/>',
  'text',
);

describe('loadPage', () => {
  it('builds the tree cheerio.load builds, whatever the chunk size', () => {
    for (const chunkChars of [1, 7, 4096]) {
      expect(loadPage(SEED, 's', { chunkChars }).html()).toBe(cheerio.load(SEED).html());
    }
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (parts, chunkChars) => {
        // Only pages the guard lets through: close the structures it requires.
        const html = `${parts.join('')}</table></table></table>`;
        let loaded: string;
        try {
          loaded = loadPage(html, 's', { chunkChars }).html();
        } catch (error) {
          expect(error).toBeInstanceOf(PageLayoutError);
          return;
        }
        expect(loaded).toBe(cheerio.load(html).html());
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a page whose parse outlasts the budget, saying how far it got', () => {
    // The clock jumps past the budget after its first reading: refused before the first chunk.
    let readings = 0;
    const budget = parseBudgetMs(SEED.length);
    expect(budget).toBe(20_000 + 132);
    const late = () => (readings++ === 0 ? 0 : budget + 1);
    expect(() => loadPage(SEED, 'eusa-amif-2021', { clock: late })).toThrow(
      `eusa-amif-2021: page layout changed: expected a page that parses within ${budget} ms, found 0 % of its 65659 characters parsed when the time ran out (a hostile or broken page; it was refused)`,
    );
    // Past the budget after a few thousand tree operations: refused part of the way in.
    readings = 0;
    const later = () => (readings++ < 20 ? 0 : budget + 1);
    expect(() => loadPage(SEED, 'eusa-amif-2021', { clock: later, chunkChars: 1_000 })).toThrow(
      /found ([1-9]\d?) % of its 65659 characters parsed/,
    );
  });

  it('gives a page no more time than a deadline set around the extract', () => {
    const late = sourceWithParseDeadline(eusaAmif2021, Date.now() - 1);
    expect(() => late.extract(SEED)).toThrow(
      'expected a page that parses in the 0 ms the run had left, found 0 % of its 65659 characters parsed',
    );
    expect(sourceWithParseDeadline(eusaAmif2021, Date.now() + 60_000).extract(SEED).drafts).toHaveLength(47);
    // The deadline ends with the call.
    withParseDeadline(Date.now() - 1, () => undefined);
    expect(eusaAmif2021.extract(SEED).drafts).toHaveLength(47);
  });

  it('refuses within the budget a 5 MB page of misnested tables that parse5 needs half a minute for', () => {
    const html = '<table><a>x<tr><td><a>y</table>'.repeat(Math.ceil(PAGE_LIMITS.maxBodyBytes / 32));
    const started = Date.now();
    expect(() => withParseDeadline(Date.now() + 2_000, () => loadPage(html, 's'))).toThrow(
      /^s: page layout changed: expected a page that parses in the (1\d{3}|2000) ms the run had left, found \d+ % of its 5079040 characters parsed/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);
});
