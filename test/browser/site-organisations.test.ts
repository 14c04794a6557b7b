import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as cheerio from 'cheerio';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../functions/cli/serve-command';
import type { ProjectRecord } from '../../functions/core/model/project';
import { renderProjectsJson } from '../../functions/core/render/projects-json';
import { FRONT_PAGE_TABLE_ROWS } from '../../functions/core/render/site/front-page';
import { renderSite } from '../../functions/core/render/site/render-site';
import { renderSearchIndex } from '../../functions/core/render/site/search-index';
import { readCsv } from '../helpers/doubles';
import { contextFor, seedRecords } from '../helpers/site-fixture';
import type { TestFeed } from './feed';
import { ARTIFACTS, HDL, openSiteSession, type SiteSession, visibleRows } from './site-session';

let session: SiteSession;
let feed: TestFeed;
let browser: Browser;
let base: string;
let projects: ProjectRecord[];
const watchedPage = (options?: { javaScriptEnabled?: boolean; bypassCSP?: boolean }) =>
  session.watchedPage(options);

beforeAll(async () => {
  session = await openSiteSession();
  ({ feed, browser, base, projects } = session);
});

afterAll(async () => {
  await session?.close();
});

interface RowFacts {
  readonly attributes: Record<string, string>;
  readonly href: string | null;
  readonly cells: string[];
}

describe(`a front page of more than ${FRONT_PAGE_TABLE_ROWS} projects in Chromium`, () => {
  const seed = seedRecords();
  const many = Array.from({ length: 14 }, (_, copy) =>
    seed.map((r) => ({ ...r, id: `${r.id}-${copy}`, name: `${r.name} ${copy}` })),
  ).flat(); // 658 projects
  const last = many.at(-1)!;
  let dir: string;
  let bigServer: Server;
  let bigBase: string;

  /** The published front page and projects.json of `records`, in a directory of their own. */
  function publish(records: readonly ProjectRecord[], root: string): void {
    const ctx = contextFor(records, { changedIds: new Set() });
    const files = [
      ...renderSite(ctx),
      // The script loads the stems beside the records whenever it needs the full data.
      ...renderSearchIndex(ctx),
      { key: 'v1/projects.json', body: renderProjectsJson(ctx.meta, ctx.records) },
      { key: 'v1/status.json', body: JSON.stringify({ lastRunAt: ctx.meta.generatedAt }) },
    ];
    for (const file of files) {
      const path = join(root, ...file.key.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.body);
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amif-site-big-'));
    publish(many, join(dir, 'out'));
    bigServer = await startServer(join(dir, 'out'), 0);
    bigBase = `http://127.0.0.1:${(bigServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    // The browser still holds keep-alive connections to it (it is closed after every suite): drop them,
    // or close() waits for them past the hook's time.
    bigServer?.closeAllConnections();
    await new Promise<void>((done) => (bigServer ? bigServer.close(() => done()) : done()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('without JavaScript: the first rows, and a note that links the full lists', async () => {
    const { page, problems } = await watchedPage({ javaScriptEnabled: false });
    await page.goto(`${bigBase}/`, { waitUntil: 'networkidle' });
    expect(await visibleRows(page).count()).toBe(FRONT_PAGE_TABLE_ROWS);
    expect(await page.locator('#shown-count').textContent()).toBe(
      `Näytetään ${FRONT_PAGE_TABLE_ROWS} / 658 hanketta.`,
    );
    expect(await page.locator('#table-partial').textContent()).toBe(
      'Sivulla ovat 658 hankkeesta ensimmäiset 500; haku, suodattimet ja järjestys hakevat loput. Kaikki hankkeet: projects.csv, projects.json.',
    );
    expect(
      await page.locator('#table-partial a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['v1/projects.csv', 'v1/projects.json']);
    expect(await page.locator('#show-all').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('with JavaScript: "show all" builds the other rows exactly as the server writes a row', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${bigBase}/`, { waitUntil: 'networkidle' });
    await page.locator('#show-all').click();
    await expect.poll(() => visibleRows(page).count()).toBe(658);
    expect(await page.locator('#shown-count').textContent()).toBe('Näytetään 658 / 658 hanketta.');
    expect(await page.locator('#table-partial').isVisible()).toBe(false);
    const inBrowser: RowFacts = await page.locator(`tr[data-id="${last.id}"]`).evaluate((tr) => ({
      attributes: Object.fromEntries(
        Array.from(tr.attributes)
          .filter((a) => a.name.startsWith('data-'))
          .map((a) => [a.name, a.value]),
      ),
      href: tr.querySelector('a')?.getAttribute('href') ?? null,
      cells: Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent ?? ''),
    }));

    // The same record among the first rows of a page, as the server writes it.
    const other = join(dir, 'alone');
    publish([last], other);
    const $ = cheerio.load(readFileSync(join(other, 'index.html'), 'utf8'));
    const tr = $(`tr[data-id="${last.id}"]`);
    expect(tr.length).toBe(1);
    const fromServer: RowFacts = {
      attributes: Object.fromEntries(
        Object.entries(tr.attr() ?? {}).filter(([name]) => name.startsWith('data-')),
      ),
      href: tr.find('a').attr('href') ?? null,
      cells: tr
        .children('th, td')
        .map((_, c) => $(c).text())
        .get(),
    };
    expect(inBrowser).toEqual(fromServer);
    expect(fromServer.cells[4]).toMatch(/^[\d\u00a0]+,\d\d\u00a0€$/);
    expect(problems).toEqual([]);
  });

  it('with JavaScript: a filter fetches the rows the page left out', async () => {
    const { page } = await watchedPage();
    const so3 = many.filter((p) => p.specificObjective?.code === '3');
    await page.goto(`${bigBase}/?so=3`, { waitUntil: 'networkidle' });
    await expect.poll(() => visibleRows(page).count()).toBe(so3.length);
    expect(await page.locator(`tr[data-id="${last.id}"]`).count()).toBe(1);
  });
});

/** Integer cents of projects not removed, as the totals sum them. */
function centsOfRows(rows: readonly { readonly eur: string; readonly status: string }[]): number {
  return rows.reduce(
    (s, r) => s + (r.status === 'removed' || r.eur === '' ? 0 : Math.round(Number(r.eur) * 100)),
    0,
  );
}

describe('organisations, selections and the phone in Chromium', () => {
  it("an organisation page's totals are the sums of its projects in projects.json", async () => {
    const { page, problems } = await watchedPage();
    const own = projects.filter((p) => p.beneficiary.id === HDL);
    expect(own.length).toBeGreaterThan(1);
    const cents = centsOfRows(own.map((p) => ({ eur: String(p.euFundingEur ?? ''), status: p.status })));
    await page.goto(`${base}/en/organisations/${HDL}.html`, { waitUntil: 'networkidle' });
    const totals = page.locator('table.totals tfoot td[data-eur]');
    expect(await totals.count()).toBe(2);
    for (const eur of await totals.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-eur')))) {
      expect(Math.round(Number(eur) * 100)).toBe(cents);
    }
    expect(await page.locator('.list-table tbody tr').count()).toBe(own.length);
    expect(await page.locator('#selection-total').textContent()).toBe(
      `${own.length} projects, EU funding in total €${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    const spellings = await page.locator('#names-h ~ ul li').allTextContents();
    expect(spellings).toEqual(
      [...new Set(own.map((p) => p.beneficiary.name))].map(
        (n) => `${n} (${own.filter((p) => p.beneficiary.name === n).length})`,
      ),
    );
    const feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]').last();
    expect(await feed.getAttribute('href')).toBe(`../../v1/feeds/beneficiary/${HDL}.atom`);
    expect(await page.locator(`main a[href="../../v1/feeds/beneficiary/${HDL}.atom"]`).count()).toBe(1);
    // Every beneficiary name on the front page links to its organisation.
    await page.goto(`${base}/en/index.html`, { waitUntil: 'networkidle' });
    const hrefs = await page
      .locator('#projects-table tbody td:nth-child(2) a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(
      projects.map(() => expect.stringMatching(/^\.\.\/en\/organisations\/[a-z0-9-]+\.html$/)),
    );
    expect(problems).toEqual([]);
  });

  it('a filtered selection gives the total and the CSV of the same rows of projects.csv', async () => {
    const { page, problems } = await watchedPage();
    const [header, ...rows] = readCsv(readFileSync(join(feed.out, 'v1/projects.csv'), 'utf8'), ',');
    const col = (name: string) => header!.indexOf(name);
    const selected = rows.filter((r) => r[col('specific_objective_code')] === '2');
    const programmes = new Set(selected.map((r) => r[col('programme')]));
    expect(programmes.size).toBeGreaterThan(1);
    const cents = centsOfRows(
      selected.map((r) => ({ eur: r[col('eu_funding_eur')]!, status: r[col('status')]! })),
    );
    await page.goto(`${base}/en/index.html?so=2`, { waitUntil: 'networkidle' });
    await expect.poll(() => visibleRows(page).count()).toBe(selected.length);
    const text = await page.locator('#selection-total').textContent();
    const euros = (c: number) => `€${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(text).toContain(`${selected.length} projects, EU funding in total ${euros(cents)} (`);
    for (const programme of programmes) {
      const own = selected.filter((r) => r[col('programme')] === programme);
      expect(text).toContain(
        `${programme}: ${euros(centsOfRows(own.map((r) => ({ eur: r[col('eu_funding_eur')]!, status: r[col('status')]! }))))}`,
      );
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-selection').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = readFileSync(join(feed.out, 'v1/projects.csv'), 'utf8').split('\r\n');
    expect(readCsv(csv, ',')).toEqual([header, ...selected]);
    expect(csv.startsWith(`${lines[0]}\r\n`)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('at 390 px every row shows its name, beneficiary and EU funding inside the viewport, filters folded', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    session.track(context);
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    expect(await page.locator('#filters-toggle').getAttribute('open')).toBeNull();
    expect(await page.locator('#f-q').isVisible()).toBe(false);
    const boxes = await page.locator('#projects-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) =>
        [0, 1, 4].map((i) => {
          const r = (tr as HTMLTableRowElement).cells[i]!.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width };
        }),
      ),
    );
    expect(boxes).toHaveLength(projects.length);
    for (const cells of boxes) {
      for (const b of cells) {
        expect(b.width).toBeGreaterThan(0);
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(390);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('#all-projects').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'front-390.png') });
    await page.goto(`${base}/organisations/${HDL}.html`, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'organisation-390.png'), fullPage: true });
  });

  it("the feed's first run is its baseline: nothing is listed as a new project", async () => {
    const { page } = await watchedPage({ javaScriptEnabled: false });
    await page.goto(`${base}/en/index.html`, { waitUntil: 'networkidle' });
    const changes = page.locator('#changes');
    expect(await changes.locator('.kind', { hasText: 'New project' }).count()).toBe(0);
    expect(await changes.locator('.baseline').textContent()).toBe(
      `The feed's first run on 21 Nov 2026 recorded ${projects.length} projects as its baseline. They are not shown as new: the feed does not know when they were funded.`,
    );
  });
});
