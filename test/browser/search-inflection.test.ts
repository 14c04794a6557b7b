import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../functions/core/model/project';
import { readCsv } from '../helpers/format-readers';
import type { TestFeed } from './feed';
import { openSiteSession, type SiteSession } from './site-session';

/**
 * Issue 22: "search for an inflected form finds the projects". What a search should find is
 * computed here from projects.json, not from the search index: the projects whose texts hold a
 * form of the typed word's inflection paradigm, spelled out below (docs/search.md: a different verb,
 * "kotouttamisen", and compounds such as "kotoutumislain", are not the word).
 */

/** The forms of a Finnish noun in -nen (kotoutuminen: nainen type, back vowels), with possessive suffixes and clitics. */
function finnishNenNoun(stem: string): Set<string> {
  const cases = [
    ...['sta', 'seen', 'sessa', 'sesta', 'selle', 'sella', 'selta', 'sena', 'seksi', 'setta'],
    ...[
      'sten',
      'sien',
      'sia',
      'siin',
      'sissa',
      'sista',
      'sille',
      'silla',
      'silta',
      'sina',
      'siksi',
      'sitta',
      'sine',
      'sin',
    ],
  ];
  const bases = [
    ...cases.flatMap((c) => [c, ...['ni', 'si', 'mme', 'nne', 'nsa'].map((p) => c + p), `${c}${c.at(-1)}n`]),
    ...['nen', 'sen', 'set'],
    ...['ni', 'si', 'mme', 'nne', 'nsa'].map((p) => `se${p}`),
  ];
  return new Set(bases.flatMap((b) => ['', 'kin', 'kaan'].map((clitic) => `${stem}${b}${clitic}`)));
}

/** The forms of a Swedish neuter noun whose plural is unchanged (beslut): indefinite, definite, genitive. */
function swedishNeuterNoun(word: string): Set<string> {
  return new Set(['', 'et', 'en'].flatMap((ending) => [`${word}${ending}`, `${word}${ending}s`]));
}

/** Every text the search covers (docs/search.md): name, beneficiary, summary and Migri's texts in three languages. */
function searchedTexts(p: ProjectRecord): string[] {
  const m = p.migri;
  const texts = [p.name, p.beneficiary.name, p.summary];
  for (const t of [m, m?.sv, m?.en]) texts.push(t?.title ?? '', t?.description ?? '', t?.goals ?? '');
  return texts.filter((t): t is string => typeof t === 'string' && t.length > 0);
}

function wordsOf(p: ProjectRecord): Set<string> {
  return new Set(
    searchedTexts(p).flatMap((t) =>
      t
        .normalize('NFC')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u),
    ),
  );
}

let session: SiteSession;
let feed: TestFeed;
let base: string;
let projects: ProjectRecord[];

beforeAll(async () => {
  session = await openSiteSession();
  ({ feed, base, projects } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

async function newPage(problems: string[]): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  session.track(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return page;
}

/** The visible rows' project ids and names, sorted by id. */
function visibleRows(page: Page): Promise<{ id: string; name: string }[]> {
  return page.locator('#projects-table tbody tr:visible').evaluateAll((trs) =>
    trs
      .map((tr) => ({
        id: tr.getAttribute('data-id') ?? '',
        name: tr.querySelector('th a')?.textContent ?? '',
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  );
}

/** Types `word` into the front page's search at `path` and returns the rows left visible once they settle. */
async function search(path: string, word: string, expected: readonly ProjectRecord[]) {
  const problems: string[] = [];
  const page = await newPage(problems);
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  await page.locator('#f-q').fill(word);
  const want = expected.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => (a.id < b.id ? -1 : 1));
  await expect.poll(() => visibleRows(page), { timeout: 15_000 }).toEqual(want);
  await page.waitForLoadState('networkidle');
  expect(await visibleRows(page)).toEqual(want);
  expect(new URL(page.url()).searchParams.get('q')).toBe(word);
  expect(problems).toEqual([]);
  return page;
}

describe('search that knows the languages, in Chromium', () => {
  it('"kotoutuminen" on the Finnish front page shows exactly the projects whose texts inflect the noun', async () => {
    const forms = finnishNenNoun('kotoutumi');
    const expected = projects.filter((p) => [...wordsOf(p)].some((w) => forms.has(w)));
    const literal = projects.filter((p) =>
      searchedTexts(p).some((t) => t.toLowerCase().includes('kotoutuminen')),
    );
    // The bundled texts inflect it far more often than they spell it: the stems are what finds them.
    expect(literal.length).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(literal.length);
    const page = await search('/', 'kotoutuminen', expected);
    expect(await page.locator('#shown-count').textContent()).toBe(
      `Näytetään ${expected.length} / ${projects.length} hanketta.`,
    );
  });

  it('"beslutens" on the Swedish front page finds the project whose Swedish texts say "beslut", "beslutet", "besluten"', async () => {
    const forms = swedishNeuterNoun('beslut');
    const expected = projects.filter((p) => [...wordsOf(p)].some((w) => forms.has(w)));
    // The typed form is in no text: only the stems find the project.
    expect(
      projects.filter((p) => searchedTexts(p).some((t) => t.toLowerCase().includes('beslutens'))),
    ).toEqual([]);
    expect(expected.length).toBeGreaterThan(0);
    await search('/sv/index.html', 'beslutens', expected);
  });

  it("a searched selection's total and CSV are the sums and rows of projects.csv for the same projects", async () => {
    const forms = finnishNenNoun('kotoutumi');
    const ids = new Set(projects.filter((p) => [...wordsOf(p)].some((w) => forms.has(w))).map((p) => p.id));
    const [header, ...rows] = await readCsv(readFileSync(join(feed.out, 'v1/projects.csv'), 'utf8'));
    const col = (name: string) => header!.indexOf(name);
    const selected = rows.filter((r) => ids.has(r[col('id')]!));
    expect(selected).toHaveLength(ids.size);
    const cents = selected.reduce(
      (s, r) =>
        s +
        (r[col('status')] === 'removed' || r[col('eu_funding_eur')] === ''
          ? 0
          : Math.round(Number(r[col('eu_funding_eur')]) * 100)),
      0,
    );
    const page = await search(
      '/en/index.html',
      'kotoutuminen',
      projects.filter((p) => ids.has(p.id)),
    );
    const euros = `€${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(await page.locator('#selection-total').textContent()).toContain(
      `${ids.size} projects, EU funding in total ${euros}`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-selection').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const downloaded = await readCsv(csv);
    expect(downloaded[0]).toEqual(header);
    expect(
      downloaded
        .slice(1)
        .map((r) => r.join('\u0000'))
        .sort(),
    ).toEqual(selected.map((r) => r.join('\u0000')).sort());
  });
});
