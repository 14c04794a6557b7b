import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../../../functions/core/model/project';
import { renderSite } from '../../../../functions/core/render/site/render-site';
import { recordLang } from '../../../../functions/core/render/site/source-lang';
import { contextFor, seedRecords } from '../../../helpers/site-fixture';

/** WCAG 3.1.2 (language of parts): Finnish source text on the Swedish and English pages says it is Finnish. */

const records = seedRecords();
const files = renderSite(contextFor(records));
const page = (key: string) => {
  const body = files.find((f) => f.key === key)?.body;
  if (typeof body !== 'string') throw new Error(`no ${key}`);
  return cheerio.load(body);
};
const ADERE = records.find((r) => r.acronym === 'ADERE')!;

describe('language of parts', () => {
  for (const lang of ['sv', 'en'] as const) {
    it(`${lang} front page: every project name and beneficiary cell is lang="fi"`, () => {
      const $ = page(`${lang}/index.html`);
      expect($('html').attr('lang')).toBe(lang);
      const rows = $('#projects-table tbody tr');
      expect(rows.length).toBe(records.length);
      for (const row of rows.toArray()) {
        expect($(row).find('th').attr('lang')).toBe('fi');
        expect($(row).find('td').first().find('a').attr('lang')).toBe('fi');
      }
      expect($('#f-beneficiary option[lang="fi"]').length).toBe($('#f-beneficiary option').length - 1);
      expect(
        $('#sources li a')
          .toArray()
          .every((a) => $(a).attr('lang') === 'fi'),
      ).toBe(true);
    });

    it(`${lang} project page: the name, summary and Migri texts are lang="fi", the interface text is not`, () => {
      const $ = page(`${lang}/projects/${ADERE.id}.html`);
      expect($('h1').attr('lang')).toBe('fi');
      expect($('h1').text()).toBe(ADERE.name);
      expect($('#summary-h').next('.text-block').attr('lang')).toBe('fi');
      expect($('#details-h').attr('lang')).toBeUndefined();
      const fiSpans = $('dl.fields [lang="fi"]')
        .toArray()
        .map((s) => $(s).text());
      expect(fiSpans).toContain(ADERE.name);
      expect(fiSpans).toContain(ADERE.beneficiary.name);
    });
  }

  it('the Finnish pages carry no lang on Finnish text', () => {
    for (const key of ['index.html', `projects/${ADERE.id}.html`]) {
      expect(page(key)('main [lang="fi"]').length, key).toBe(0);
    }
  });

  it('a project known only from a Swedish press release is Swedish, also on the Finnish page', () => {
    const announced: ProjectRecord = {
      ...ADERE,
      id: 'amif21-sv-only',
      name: 'Uppskatta projektet',
      status: 'announced',
      announcements: [{ date: '2023-04-12', url: 'https://intermin.fi/sv/x', lang: 'sv', amountEur: null }],
    };
    expect(recordLang(announced)).toBe('sv');
    expect(recordLang(ADERE)).toBe('fi');
    const $ = cheerio.load(
      renderSite(contextFor([announced])).find((f) => f.key === 'index.html')!.body as string,
    );
    expect($('#projects-table tbody th').attr('lang')).toBe('sv');
  });
});
