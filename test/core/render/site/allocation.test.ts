import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
  AMIF_2021_2027_ALLOCATION_EUR,
  allocationFrom,
} from '../../../../functions/core/render/site/allocation';
import { renderSite } from '../../../../functions/core/render/site/render-site';
import { contextFor, seedRecords } from '../../../helpers/site-fixture';

describe("Finland's AMIF allocation", () => {
  it('falls back to the 67,9 M€ the fund page states', () => {
    expect(AMIF_2021_2027_ALLOCATION_EUR).toBe(67_900_000);
    expect(allocationFrom(null)).toEqual({ eur: 67_900_000, programme: 'AMIF 2021-2027', sourceUrl: null });
    expect(allocationFrom({ allocationEur: null, programme: 'AMIF 2021-2027' }).eur).toBe(67_900_000);
  });

  it('takes the figure, programme and page from the reference data when present', () => {
    const reference = {
      programme: 'AMIF 2021-2027',
      fund: 'AMIF',
      specificObjectives: [],
      allocationEur: 52_100_000,
      allocationRaw: '52,1 miljoonaa euroa',
      source: { id: 'eusa-amif-fund', url: 'https://eusa-rahastot2021.fi/amif/' },
    };
    expect(allocationFrom(reference)).toEqual({
      eur: 52_100_000,
      programme: 'AMIF 2021-2027',
      sourceUrl: 'https://eusa-rahastot2021.fi/amif/',
    });
    const ctx = { ...contextFor(seedRecords()), reference };
    const index = renderSite(ctx).find((f) => f.key === 'en/index.html')!;
    const $ = cheerio.load(String(index.body));
    const figure = $('#figures .figure').eq(2);
    // 26 057 656,23 € of 52 100 000 € is 50,0 %.
    expect(figure.find('.value').text()).toBe('50.0%');
    expect(figure.find('a').attr('href')).toBe('https://eusa-rahastot2021.fi/amif/');
  });
});
