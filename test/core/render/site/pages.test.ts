import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { ProjectVersion } from '../../../../functions/core/model/history';
import type { ProjectRecord } from '../../../../functions/core/model/project';
import {
  CACHE_IMMUTABLE,
  CACHE_LATEST,
  type OutputFile,
} from '../../../../functions/core/render/output-file';
import { FRONT_PAGE_TABLE_ROWS } from '../../../../functions/core/render/site/front-page';
import { renderSite } from '../../../../functions/core/render/site/render-site';
import { AT, contextFor, firstVersion, seedRecords } from '../../../helpers/site-fixture';

const HOSTILE = '<img src=x onerror=alert(1)>';
const BUDGET = 300 * 1024;

function byKey(files: readonly OutputFile[], key: string): OutputFile {
  const file = files.find((f) => f.key === key);
  if (!file) throw new Error(`no ${key} among ${files.map((f) => f.key).join(', ')}`);
  return file;
}

function text(file: OutputFile): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

/** The seed, one project renamed to markup, another given a second version with a new amount. */
function scenario() {
  const records = seedRecords();
  const hostileIndex = records.findIndex((r) => r.name === 'Puheesta tekstiksi');
  records[hostileIndex] = {
    ...records[hostileIndex]!,
    name: HOSTILE,
    summary: `${HOSTILE}\n\n<script>x()</script>`,
  };
  const adere = records.find((r) => r.acronym === 'ADERE')!;
  const changedAt = '2026-11-23T04:00:00Z';
  const v2: ProjectRecord = {
    ...adere,
    euFundingEur: 1_500_000.5,
    version: 2,
    lastChangedAt: changedAt,
    quality: [
      { code: 'amount-mismatch', field: 'euFundingEur', message: 'x', raw: '1 444 708', source: 'press' },
    ],
  };
  records[records.indexOf(adere)] = v2;
  const history: ProjectVersion[] = [
    firstVersion(adere),
    {
      ...firstVersion(v2),
      version: 2,
      kind: 'changed',
      changedAt,
      fields: [{ field: 'euFundingEur', old: adere.euFundingEur, new: v2.euFundingEur }],
    },
  ];
  const historyById = new Map(records.map((r) => [r.id, r.id === adere.id ? history : [firstVersion(r)]]));
  const hostileId = records[hostileIndex]!.id;
  return { records, adere: v2, hostileId, files: renderSite(contextFor(records, { historyById })) };
}

describe('the site renderer', () => {
  const { records, adere, hostileId, files } = scenario();
  const pages = files.filter((f) => f.key.endsWith('.html'));

  it('writes the front page in three languages, a page per changed project and hashed assets', () => {
    for (const key of ['index.html', 'sv/index.html', 'en/index.html']) {
      expect(byKey(files, key)).toMatchObject({ stage: 'latest', cacheControl: CACHE_LATEST });
      expect(byKey(files, key).contentType).toBe('text/html; charset=utf-8');
    }
    for (const key of [
      `projects/${adere.id}.html`,
      `sv/projects/${adere.id}.html`,
      `en/projects/${adere.id}.html`,
    ]) {
      expect(byKey(files, key).stage).toBe('detail');
    }
    const assets = files.filter((f) => f.key.startsWith('assets/'));
    expect(assets.map((a) => a.contentType).sort()).toEqual([
      'image/svg+xml',
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
    ]);
    for (const a of assets) {
      expect(a.key).toMatch(/^assets\/[a-z]+\.[0-9a-f]{12}\.(css|js|svg)$/);
      expect(a).toMatchObject({ stage: 'immutable', cacheControl: CACHE_IMMUTABLE });
    }
    // Three front pages, three of each project and three of each 2021–2027 specific objective.
    expect(pages).toHaveLength(3 + 3 * records.length + 3 * 3);
    expect(files.filter((f) => f.key.startsWith('v1/objectives/')).map((f) => f.key)).toEqual([
      'v1/objectives/1.csv',
      'v1/objectives/2.csv',
      'v1/objectives/3.csv',
    ]);
  });

  it('writes project pages only for the projects that changed', () => {
    const ctx = contextFor(records, { changedIds: new Set([adere.id]) });
    const keys = renderSite(ctx)
      .map((f) => f.key)
      .filter((k) => k.includes('projects/'));
    expect(keys.sort()).toEqual(
      [`en/projects/${adere.id}.html`, `projects/${adere.id}.html`, `sv/projects/${adere.id}.html`].sort(),
    );
  });

  it('is deterministic', () => {
    const again = scenario().files;
    expect(again.map((f) => [f.key, text(f)])).toEqual(files.map((f) => [f.key, text(f)]));
  });

  it('has no inline script, inline style, event handler or javascript: URL on any page', () => {
    for (const page of pages) {
      const $ = cheerio.load(text(page));
      expect($('script:not([src])').length, page.key).toBe(0);
      expect($('style').length, page.key).toBe(0);
      expect($('[style]').length, page.key).toBe(0);
      const handlers = $('*')
        .toArray()
        .flatMap((el) =>
          Object.keys('attribs' in el ? el.attribs : {}).filter((a) => a.toLowerCase().startsWith('on')),
        );
      expect(handlers, page.key).toEqual([]);
      expect($('[href^="javascript:" i], [src^="javascript:" i]').length, page.key).toBe(0);
      expect($('script[src]').length, page.key).toBe(1);
    }
  });

  it('shows a hostile project name as text on every page', () => {
    for (const key of [
      'index.html',
      'en/index.html',
      `projects/${hostileId}.html`,
      `sv/projects/${hostileId}.html`,
    ]) {
      const body = text(byKey(files, key));
      const $ = cheerio.load(body);
      expect($('img').length, key).toBe(0);
      expect($('script:not([src])').length, key).toBe(0);
      expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
    const $ = cheerio.load(text(byKey(files, `projects/${hostileId}.html`)));
    expect($('h1').text()).toBe(HOSTILE);
    expect($('title').text()).toContain(HOSTILE);
  });

  it('keeps the front page with its stylesheet and script under 300 KB', () => {
    const assetBytes = files
      .filter((f) => f.key.endsWith('.css') || f.key.endsWith('.js'))
      .reduce((s, f) => s + Buffer.byteLength(text(f)), 0);
    for (const key of ['index.html', 'sv/index.html', 'en/index.html']) {
      const bytes = Buffer.byteLength(text(byKey(files, key))) + assetBytes;
      expect(bytes, key).toBeLessThan(BUDGET);
      expect(gzipSync(text(byKey(files, key))).length).toBeLessThan(BUDGET / 4);
    }
  });

  it('stays under 300 KB with five times as many projects', () => {
    const many = Array.from({ length: 5 }, (_, copy) =>
      records.map((r) => ({ ...r, id: `${r.id}-${copy}`, name: `${r.name} ${copy}` })),
    ).flat();
    const big = renderSite(contextFor(many, { changedIds: new Set() }));
    const assetBytes = big
      .filter((f) => f.key.startsWith('assets/'))
      .reduce((s, f) => s + Buffer.byteLength(text(f)), 0);
    expect(Buffer.byteLength(text(byKey(big, 'index.html'))) + assetBytes).toBeLessThan(BUDGET);
  });

  it('keeps each front page near half a megabyte with 10 000 projects: the table holds the first rows', () => {
    const many = Array.from({ length: 213 }, (_, copy) =>
      records.map((r) => ({ ...r, id: `${r.id}-${copy}`, name: `${r.name} ${copy}` })),
    ).flat();
    expect(many.length).toBeGreaterThan(10_000);
    const big = renderSite(contextFor(many, { changedIds: new Set() }));
    for (const key of ['index.html', 'sv/index.html', 'en/index.html']) {
      const page = text(byKey(big, key));
      expect(Buffer.byteLength(page), key).toBeLessThan(600 * 1024);
      const $ = cheerio.load(page);
      expect($('#projects-table tbody tr').length, key).toBe(FRONT_PAGE_TABLE_ROWS);
      expect($('#projects-table tbody tr').first().attr('data-id')).toBe(many[0]!.id);
      expect($('#projects-table').attr('data-total'), key).toBe(String(many.length));
      expect($('#table-partial').length, key).toBe(1);
    }
  });

  it('has landmarks, one h1, a skip link, captions and scoped header cells', () => {
    for (const page of pages.filter((p) => !p.key.includes('projects/') || p.key.includes(adere.id))) {
      const $ = cheerio.load(text(page));
      expect($('html').attr('lang'), page.key).toMatch(/^(fi|sv|en)$/);
      expect($('h1').length, page.key).toBe(1);
      expect($('header').length && $('main#main').length && $('footer').length, page.key).toBeTruthy();
      expect($('a.skip-link').attr('href')).toBe('#main');
      $('table').each((_, table) => {
        expect($(table).children('caption').text().trim(), page.key).not.toBe('');
      });
      $('th').each((_, th) => {
        expect($(th).attr('scope'), `${page.key}: ${$(th).text()}`).toMatch(/^(col|row)$/);
      });
      $('svg[role="img"]').each((_, svg) => {
        for (const id of ($(svg).attr('aria-labelledby') ?? '').split(' ')) {
          expect($(`[id="${id}"]`).text().trim(), `${page.key} ${id}`).not.toBe('');
        }
      });
      $('select, input').each((_, control) => {
        expect($(`label[for="${$(control).attr('id')}"]`).length, page.key).toBe(1);
      });
      const ids = $('[id]')
        .toArray()
        .map((el) => $(el).attr('id'));
      expect(new Set(ids).size, `${page.key} duplicate ids`).toBe(ids.length);
    }
  });

  it('gives each chart a text alternative and the numbers in a table', () => {
    const $ = cheerio.load(text(byKey(files, 'index.html')));
    const charts = $('#charts section.chart');
    expect(charts.length).toBe(5);
    charts.each((_, chart) => {
      expect($(chart).find('svg[role="img"] > title').length).toBe(1);
      expect($(chart).find('svg[role="img"] > desc').text()).not.toBe('');
      expect($(chart).find('details table tbody tr').length).toBeGreaterThan(0);
    });
  });

  it('lists every project in a server-rendered table with a GET form the script reads', () => {
    const $ = cheerio.load(text(byKey(files, 'index.html')));
    expect($('#projects-table tbody tr').length).toBe(records.length);
    expect($('form#filters').attr('method')).toBe('get');
    expect(
      $('form#filters [name]')
        .toArray()
        .map((el) => $(el).attr('name')),
    ).toEqual(['q', 'programme', 'so', 'beneficiary', 'status', 'year', 'sort']);
    expect($('#projects-table tbody tr[data-so="3"]').length).toBe(4);
    expect($('#projects-table tbody tr').first().find('th a').attr('href')).toMatch(/^projects\/amif21-/);
  });

  it('links every published data file and states the licence', () => {
    const $ = cheerio.load(text(byKey(files, 'sv/index.html')));
    const hrefs = $('#downloads a')
      .toArray()
      .map((a) => $(a).attr('href'));
    for (const key of [
      'v1/projects.json',
      'v1/projects.csv',
      'v1/projects.excel.csv',
      'v1/projects.xlsx',
      'v1/datapackage.json',
      'v1/catalog.ttl',
      'v1/catalog.jsonld',
      'v1/feed.atom',
      'v1/feed.json',
      'v1/snapshots/index.json',
    ]) {
      expect(hrefs).toContain(`../${key}`);
    }
    expect($('#downloads').text()).toContain('CC BY 4.0');
    expect($('#downloads a[rel="license"]').attr('href')).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
  });

  it('shows the headline figures', () => {
    const $ = cheerio.load(text(byKey(files, 'index.html')));
    const figures = $('#figures').text().replace(/\s+/g, ' ');
    const first = $('#figures .figure').first();
    expect(first.find('dt').text()).toBe('Hankkeita');
    expect(first.find('.value').text()).toBe(String(records.length));
    expect(figures).toContain('67,9');
    // 26 057 656,23 € with ADERE raised to 1 500 000,50 €, against 67 900 000 €.
    const awarded = 2_605_765_623 - 144_470_832 + 150_000_050;
    expect(figures).toContain(`${(Math.round(awarded / 6_790_000) / 10).toFixed(1).replace('.', ',')} %`);
    expect($('#figures time[datetime="2026-11-23T04:00:00Z"]').length).toBe(1);
    expect($('#figures time[datetime="2026-11-22T04:00:00Z"]').length).toBeGreaterThan(0);
  });

  it('switches language by page and keeps data in the source language', () => {
    const en = cheerio.load(text(byKey(files, 'en/index.html')));
    expect(en('html').attr('lang')).toBe('en');
    expect(en('h1').text()).toBe('AMIF projects in Finland');
    expect(en('.lang-switch a[hreflang="fi"]').attr('href')).toBe('../index.html');
    expect(en('.lang-switch a[aria-current="page"]').attr('hreflang')).toBe('en');
    expect(en('#projects-table').text()).toContain('Maahanmuuttovirasto');
    const sv = cheerio.load(text(byKey(files, `sv/projects/${adere.id}.html`)));
    expect(sv('html').attr('lang')).toBe('sv');
    expect(sv('#history-h').text()).toBe('Versionshistorik');
    expect(sv('.lang-switch a[hreflang="en"]').attr('href')).toBe(`../../en/projects/${adere.id}.html`);
  });

  it('shows a project with its sources, quality flags in words and its history', () => {
    const $ = cheerio.load(text(byKey(files, `en/projects/${adere.id}.html`)));
    expect($('h1').text()).toBe(adere.name);
    expect($('.fields').text()).toContain('€1,500,000.50');
    expect($('a[href="https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet"]').length).toBeGreaterThan(0);
    expect($(`a[href="../../v1/projects/${adere.id}.json"]`).length).toBe(1);
    expect($('#quality-h + ul').text()).toContain('The sources give the project different amounts');
    const versions = $('ol.timeline > li');
    expect(versions.length).toBe(2);
    expect(versions.first().find('h3').text()).toContain('Version 2');
    const row = versions.first().find('table.diff tbody tr');
    expect(row.find('th').text()).toBe('EU funding');
    expect(row.find('td.old').text()).toBe('€1,444,708.32');
    expect(row.find('td.new').text()).toBe('€1,500,000.50');
    // Every record of the scenario was first seen at its first run: the feed's baseline, not a new project.
    expect(versions.last().text()).toContain(
      "The project was in the source at the feed's first run (baseline).",
    );
  });

  it('lists as new only what came after the first run, and links the rest of the list', () => {
    const seed = seedRecords();
    const later = '2026-11-30T04:00:00Z';
    // The first run saw 35 projects; 12 appeared at a later run.
    const records = seed.map((r, i) => (i < 35 ? r : { ...r, firstSeenAt: later, lastChangedAt: later }));
    const $ = cheerio.load(text(byKey(renderSite(contextFor(records)), 'index.html')));
    const fresh = $('#changes ul.changes').first().children('li');
    expect(fresh).toHaveLength(10);
    expect(fresh.first().find('time').attr('datetime')).toBe(later);
    const more = $('#changes p.note a').filter((_, a) => $(a).text().startsWith('ja 2 muuta'));
    expect(more.attr('href')).toBe('v1/changes.json');
    expect($('#changes .baseline').text()).toBe(
      'Syötteen ensimmäinen ajo 22.11.2026 kirjasi 35 hanketta lähtötilanteeksi. Niitä ei näytetä uusina, koska syöte ei tiedä, milloin ne rahoitettiin.',
    );
  });

  it('shows the latest changes with new awards first', () => {
    const $ = cheerio.load(text(byKey(files, 'index.html')));
    const headings = $('#changes h3')
      .toArray()
      .map((h) => $(h).text());
    expect(headings).toEqual(['Uudet hankkeet', 'Muut muutokset']);
    expect($('#changes ul.changes').last().text()).toContain(
      'EU-rahoitus 1\u00a0444\u00a0708,32\u00a0€ → 1\u00a0500\u00a0000,50\u00a0€',
    );
    expect(AT).toBe('2026-11-22T04:00:00Z');
  });
});
