import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../functions/cli/serve-command';
import type { ProjectRecord } from '../../functions/core/model/project';
import { launchChromium } from './browser';
import { buildTestFeed, type TestFeed } from './feed';

export const ARTIFACTS = 'test/artifacts';
/** The beneficiary the sources spell two ways ("säätiö sr." and "Säätiö sr"), with projects in two objectives. */
export const HDL = 'helsingin-diakonissalaitoksen-saatio-sr';

export interface Watched {
  readonly page: Page;
  readonly problems: string[];
}

/**
 * One browser and one served test feed for a test file: the site's browser tests are split over files so
 * that two workers share them, each file opening its own session.
 */
export interface SiteSession {
  readonly browser: Browser;
  readonly feed: TestFeed;
  readonly server: Server;
  readonly base: string;
  readonly projects: ProjectRecord[];
  /** A fresh page that records console errors, page errors, CSP violations, failed requests and dialogs. */
  watchedPage(options?: { javaScriptEnabled?: boolean; bypassCSP?: boolean }): Promise<Watched>;
  /** Closes a context the test made itself when the session closes. */
  track(context: BrowserContext): void;
  close(): Promise<void>;
}

export async function openSiteSession(): Promise<SiteSession> {
  const browser = await launchChromium();
  const feed = await buildTestFeed();
  const projects = (
    JSON.parse(readFileSync(join(feed.out, 'v1/projects.json'), 'utf8')) as { projects: ProjectRecord[] }
  ).projects;
  const server = await startServer(feed.out, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(ARTIFACTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    feed,
    server,
    base,
    projects,
    watchedPage: (options = {}) => watchedPage(browser, contexts, options),
    track: (context) => void contexts.push(context),
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(feed.dir, { recursive: true, force: true });
    },
  };
}

/** A fresh page that records console errors, page errors, CSP violations, failed requests and dialogs. */
async function watchedPage(
  browser: Browser,
  contexts: BrowserContext[],
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean },
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

export function visibleRows(page: Page) {
  return page.locator('#projects-table tbody tr:visible');
}
