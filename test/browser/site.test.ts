import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as cheerio from 'cheerio';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../functions/cli/serve-command';
import type { ProjectRecord } from '../../functions/core/model/project';
import { renderProjectsJson } from '../../functions/core/render/projects-json';
import { FRONT_PAGE_TABLE_ROWS } from '../../functions/core/render/site/front-page';
import { renderSite } from '../../functions/core/render/site/render-site';
import { renderSearchIndex } from '../../functions/core/render/site/search-index';
import { readCsv } from '../helpers/doubles';
import { contextFor, seedRecords } from '../helpers/site-fixture';
import { launchChromium } from './browser';
import { buildTestFeed, HOSTILE_NAME, type TestFeed } from './feed';

const ARTIFACTS = 'test/artifacts';
/** The beneficiary the sources spell two ways ("säätiö sr." and "Säätiö sr"), with projects in two objectives. */
const HDL = 'helsingin-diakonissalaitoksen-saatio-sr';
const AXE = 'node_modules/axe-core/axe.min.js';

let feed: TestFeed;
let server: Server;
let browser: Browser;
let base: string;
let projects: ProjectRecord[];
const contexts: BrowserContext[] = [];

interface Watched {
  readonly page: Page;
  readonly problems: string[];
}

/** A fresh page that records console errors, page errors, CSP violations, failed requests and dialogs. */
async function watchedPage(
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A navigation (reload, link) aborts requests still in flight, e.g. the favicon: not an error.
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  return { page, problems };
}

function visibleRows(page: Page) {
  return page.locator('#projects-table tbody tr:visible');
}

function idOf(predicate: (p: ProjectRecord) => boolean): string {
  const found = projects.filter(predicate);
  if (found.length !== 1) throw new Error(`expected one project, found ${found.length}`);
  return found[0]!.id;
}

beforeAll(async () => {
  browser = await launchChromium();
  feed = await buildTestFeed();
  projects = (
    JSON.parse(readFileSync(join(feed.out, 'v1/projects.json'), 'utf8')) as { projects: ProjectRecord[] }
  ).projects;
  server = await startServer(feed.out, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (feed) rmSync(feed.dir, { recursive: true, force: true });
});

describe('the published site in Chromium', () => {
  it('loads the front page under the production CSP with no console errors', async () => {
    const { page, problems } = await watchedPage();
    const response = await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('js')))
      .toBe(true);
    expect(await page.locator('h1').textContent()).toBe('AMIF-hankkeet Suomessa');
    expect(await page.locator('#charts svg[role="img"]').count()).toBe(5);
    expect(await visibleRows(page).count()).toBe(projects.length);
    await page.screenshot({ path: join(ARTIFACTS, 'front.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'front-full.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOT === '1')
      copyFileSync(join(ARTIFACTS, 'front.png'), 'docs/screenshot-front.png');
    expect(problems).toEqual([]);
  });

  it('notices a CSP violation when there is one (control for the checks above)', async () => {
    writeFileSync(
      join(feed.out, 'csp-probe.html'),
      '<!doctype html><html lang="en"><title>probe</title><script>window.probe = 1</script><p style="color:red">x</p></html>',
    );
    const { page, problems } = await watchedPage();
    await page.goto(`${base}/csp-probe.html`, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => (window as unknown as { probe?: number }).probe)).toBeUndefined();
    expect(problems.some((p) => /CSP violation: script-src/.test(p))).toBe(true);
    expect(problems.some((p) => /CSP violation: style-src/.test(p))).toBe(true);
  });

  it('searches by acronym: "ADERE" leaves one row', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.locator('#f-q').fill('ADERE');
    await expect.poll(() => visibleRows(page).count()).toBe(1);
    await page.waitForLoadState('networkidle');
    expect(await visibleRows(page).count()).toBe(1);
    expect(await visibleRows(page).first().locator('th').textContent()).toContain('ADERE');
    expect(await page.locator('#shown-count').textContent()).toBe(
      `Näytetään 1 / ${projects.length} hanketta.`,
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe('ADERE');
    expect(problems).toEqual([]);
  });

  it('searches the description text once the data has loaded', async () => {
    const { page } = await watchedPage();
    await page.goto(`${base}/?q=${encodeURIComponent('massaprosessoimalla')}`, { waitUntil: 'networkidle' });
    await expect.poll(() => visibleRows(page).count()).toBe(1);
    expect(await page.locator('#f-q').inputValue()).toBe('massaprosessoimalla');
  });

  it('filters by specific objective 3, keeps the filter in the URL and restores it on reload', async () => {
    const { page, problems } = await watchedPage();
    const so3 = projects.filter((p) => p.specificObjective?.code === '3');
    const so3In2021 = so3.filter((p) => p.programme === 'AMIF 2021-2027');
    expect(so3In2021).toHaveLength(4);
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.locator('#f-so').selectOption('3');
    await expect.poll(() => visibleRows(page).count()).toBe(so3.length);
    expect(new URL(page.url()).searchParams.get('so')).toBe('3');

    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('#f-so').inputValue()).toBe('3');
    await expect.poll(() => visibleRows(page).count()).toBe(so3.length);

    await page.locator('#f-programme').selectOption('AMIF 2021-2027');
    await expect.poll(() => visibleRows(page).count()).toBe(4);
    const url = new URL(page.url());
    expect([url.searchParams.get('so'), url.searchParams.get('programme')]).toEqual(['3', 'AMIF 2021-2027']);
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => visibleRows(page).count()).toBe(4);

    await page.locator('button[type="reset"]').click();
    await expect.poll(() => visibleRows(page).count()).toBe(projects.length);
    expect(new URL(page.url()).search).toBe('');
    expect(problems).toEqual([]);
  });

  it('sorts by EU funding from the column header, largest first', async () => {
    const { page } = await watchedPage();
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.locator('th[data-sort="eu"] button').click();
    await expect.poll(() => page.locator('th[data-sort="eu"]').getAttribute('aria-sort')).toBe('descending');
    const largest = [...projects].sort((a, b) => (b.euFundingEur ?? -1) - (a.euFundingEur ?? -1))[0]!;
    expect(await visibleRows(page).first().getAttribute('data-id')).toBe(largest.id);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-eu');
  });

  it('is usable from the keyboard: skip link first, visible focus on the filters', async () => {
    const { page } = await watchedPage();
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.locator('#f-q').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-programme');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(page.url()).searchParams.get('so')).not.toBeNull();
  });

  it("shows a project page with the version history from the pipeline's two runs", async () => {
    const { page, problems } = await watchedPage();
    const id = idOf((p) => p.acronym === 'ADERE');
    await page.goto(`${base}/projects/${id}.html`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').textContent()).toContain('ADERE');
    const versions = page.locator('ol.timeline > li');
    expect(await versions.count()).toBe(2);
    const latest = versions.first();
    expect(await latest.locator('h3').textContent()).toContain('Versio 2');
    const row = latest
      .locator('table.diff tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: 'EU-rahoitus', exact: true }) });
    expect((await row.locator('td.old').textContent())?.replace(/\s/g, ' ')).toBe('1 444 708,32 €');
    expect((await row.locator('td.new').textContent())?.replace(/\s/g, ' ')).toBe('1 500 000,50 €');
    await page.screenshot({ path: join(ARTIFACTS, 'project.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('switches the interface language and keeps the filter', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${base}/?so=3`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'In English' }).click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe('/en/index.html');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('AMIF projects in Finland');
    expect(await page.locator('label[for="f-so"]').textContent()).toBe('Specific objective');
    expect(await page.locator('#f-so').inputValue()).toBe('3');
    await page.getByRole('link', { name: 'På svenska' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h1').textContent()).toBe('AMIF-projekt i Finland');
    expect(problems).toEqual([]);
  });

  it('shows a hostile project name as text and runs nothing', async () => {
    const { page, problems } = await watchedPage();
    const id = idOf((p) => p.name === HOSTILE_NAME);
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.locator('#f-q').fill('onerror');
    await expect.poll(() => visibleRows(page).count()).toBe(1);
    expect(await visibleRows(page).first().locator('th a').textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('img').count()).toBe(0);
    await page.goto(`${base}/projects/${id}.html`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('refreshes "last checked" from v1/status.json when a later run changed nothing', async () => {
    const statusFile = join(feed.out, 'v1/status.json');
    const original = readFileSync(statusFile, 'utf8');
    const status = JSON.parse(original) as { lastRunAt: string };
    expect(status.lastRunAt).toBe('2026-11-22T04:00:00Z');
    writeFileSync(statusFile, JSON.stringify({ ...status, lastRunAt: '2026-11-29T04:00:00Z' }));
    try {
      const { page, problems } = await watchedPage();
      await page.goto(`${base}/en/index.html`, { waitUntil: 'networkidle' });
      const checked = page.locator('[data-status-url] time');
      await expect.poll(() => checked.last().textContent()).toBe('29 Nov 2026 04:00 UTC');
      expect(await checked.first().textContent()).toBe('29 Nov 2026');
      expect(await checked.last().getAttribute('datetime')).toBe('2026-11-29T04:00:00Z');
      expect(problems).toEqual([]);
    } finally {
      writeFileSync(statusFile, original);
    }
  });

  it('works without JavaScript: every project in the table, the form explains itself', async () => {
    const { page, problems } = await watchedPage({ javaScriptEnabled: false });
    await page.goto(`${base}/?so=3`, { waitUntil: 'networkidle' });
    expect(await visibleRows(page).count()).toBe(projects.length);
    expect(await page.locator('form#filters noscript').count()).toBe(1);
    await page.locator('#filters-toggle > summary').click();
    await page.locator('#f-so').selectOption('3');
    await page.locator('form#filters button[type="submit"]').click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('so')).toBe('3');
    expect(problems).toEqual([]);
  });

  it('has no serious or critical axe-core violations on the front page and a project page', async () => {
    // axe is injected as a script tag, which the page's CSP would block: this context bypasses CSP.
    const { page } = await watchedPage({ bypassCSP: true });
    const id = idOf((p) => p.acronym === 'ADERE');
    const pages = [
      '/',
      `/projects/${id}.html`,
      '/en/index.html',
      `/sv/organisations/${HDL}.html`,
      '/objectives/2.html',
    ];
    for (const path of pages) {
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      await page.evaluate(() => {
        document.querySelectorAll('details').forEach((d) => {
          d.open = true;
        });
      });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
        const results = await axe.run(document);
        if (results.passes.length < 20) throw new Error(`axe checked only ${results.passes.length} rules`);
        return results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        }));
      });
      if (process.env.AXE_REPORT === '1') console.log(path, JSON.stringify(violations, null, 2));
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, `${path}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
      // The new pages have none at all, of any impact.
      if (path.includes('organisations/') || path.includes('objectives/'))
        expect(violations, path).toEqual([]);
    }
  });
});

interface AxeResults {
  readonly passes: readonly unknown[];
  readonly violations: readonly {
    readonly id: string;
    readonly impact: string | null;
    readonly help: string;
    readonly nodes: readonly { readonly target: readonly string[] }[];
  }[];
}

/** What a table row says: its data attributes, its link and the text of each cell. */
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
    contexts.push(context);
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
