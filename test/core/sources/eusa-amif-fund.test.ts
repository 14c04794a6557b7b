import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import { eusaAmifFund } from '../../../functions/core/sources/eusa-amif-fund';

const seed = readFileSync(new URL('../../../seeds/pages/eusa-amif-fund.html', import.meta.url), 'utf8');

describe('Source eusa-amif-fund: the fund description page', () => {
  it('reads the three objectives and the allocation 67,9 M€ as 67 900 000 euros (dump 004)', () => {
    expect(eusaAmifFund.extract(seed)).toEqual({
      kind: 'reference',
      sourceId: 'eusa-amif-fund',
      url: 'https://eusa-rahastot2021.fi/turvapaikka-maahanmuutto-ja-kotouttamisrahasto-amif',
      pageUpdated: null,
      drafts: [],
      warnings: [],
      reference: {
        programme: 'AMIF 2021-2027',
        fund: 'AMIF',
        specificObjectives: [
          { code: '1', name: 'Yhteisen eurooppalaisen turvapaikka- ja vastaanottojärjestelmän kehittäminen' },
          {
            code: '2',
            name: 'Laillisen maahanmuuton sujuvuuden sekä kolmansien maiden kansalaisten kotoutumisen ja osallisuuden edistäminen',
          },
          {
            code: '3',
            name: 'Laittoman maahanmuuton ehkäiseminen ja toimivien paluujärjestelmien kehittäminen',
          },
        ],
        allocationEur: 67_900_000,
        allocationRaw: '67,9 miljoonaa euroa',
      },
    });
  });

  it('reads objectives written as numbered paragraphs too', () => {
    const restyled = seed.replace(/<ol>[\s\S]*?<\/ol>/, (ol) =>
      ol
        .replace(/<\/?ol>/g, '')
        .split(/<li>/)
        .slice(1)
        .map((li, i) => `<p>${i + 1}. ${li.replace(/<\/li>\s*/, '')}</p>`)
        .join(''),
    );
    expect(restyled).not.toContain('<ol>');
    expect(eusaAmifFund.extract(restyled)).toEqual(eusaAmifFund.extract(seed));
  });

  it('warns when the allocation is missing and refuses a page without the three objectives', () => {
    const noAllocation = seed.replace(/<p>Suomen AMIF-rahaston rahoitusosuus[^<]*<\/p>/, '');
    expect(eusaAmifFund.extract(noAllocation).warnings).toEqual([
      'eusa-amif-fund: the page states no allocation ("rahoitusosuus on … miljoonaa euroa")',
    ]);
    const twoObjectives = seed.replace(/<li>Laittoman maahanmuuton[^<]*<\/li>/, '');
    expect(() => eusaAmifFund.extract(twoObjectives)).toThrow(PageLayoutError);
    expect(() => eusaAmifFund.extract(twoObjectives)).toThrow(
      /found 2 objectives \("Yhteisen eurooppalaisen/,
    );
    expect(() => eusaAmifFund.extract('<html><body><main><p>x</p></main></body></html>')).toThrow(
      /found no sentence announcing three objectives/,
    );
  });
});
