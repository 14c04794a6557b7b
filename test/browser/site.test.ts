import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../functions/core/model/project';
import { HOSTILE_NAME, type TestFeed } from './feed';
import { ARTIFACTS, HDL, openSiteSession, type SiteSession, visibleRows } from './site-session';

const AXE = 'node_modules/axe-core/axe.min.js';

let session: SiteSession;
let feed: TestFeed;
let base: string;
let projects: ProjectRecord[];
const watchedPage = (options?: { javaScriptEnabled?: boolean; bypassCSP?: boolean }) =>
  session.watchedPage(options);

beforeAll(async () => {
  session = await openSiteSession();
  ({ feed, base, projects } = session);
});

afterAll(async () => {
  await session?.close();
});

function idOf(predicate: (p: ProjectRecord) => boolean): string {
  const found = projects.filter(predicate);
  if (found.length !== 1) throw new Error(`expected one project, found ${found.length}`);
  return found[0]!.id;
}

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
