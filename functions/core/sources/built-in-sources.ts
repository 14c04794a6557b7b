import { ConfigError } from '../errors';
import { redactCredentials, refuseCredentials } from '../run-options';
import { eusaAmif2014So1, eusaAmif2014So2, eusaAmif2014So3 } from './eusa-amif-2014';
import { eusaAmif2021 } from './eusa-amif-2021';
import { eusaAmifFund } from './eusa-amif-fund';
import { DEFAULT_PRESS_RELEASE_URLS, pressReleaseId, pressReleaseSource } from './intermin-press';
import { migriHankkeet } from './migri-hankkeet';
import { migriCompletedEn, migriProjectsEn, migriProjektSv } from './migri-translations';
import type { SourceModule } from './source-module';

/**
 * Every source the feed reads by default, in the order they are read and listed: the 2021–2027 table,
 * the 2014–2020 pages of specific objectives 1–3, the fund page, Migri's projects page (in Finnish, then
 * its Swedish and English pages and the English list of completed projects) and the bundled press releases. The linker does not depend on this order.
 */
export const BUILT_IN_SOURCES: readonly SourceModule[] = [
  eusaAmif2021,
  eusaAmif2014So1,
  eusaAmif2014So2,
  eusaAmif2014So3,
  eusaAmifFund,
  migriHankkeet,
  migriProjektSv,
  migriProjectsEn,
  migriCompletedEn,
  ...DEFAULT_PRESS_RELEASE_URLS.map((url) => pressReleaseSource(url)),
];

/** The sources that are not press releases: a deployment's press releases come from its configuration. */
export const PAGE_SOURCES: readonly SourceModule[] = BUILT_IN_SOURCES.filter(
  (s) => !s.id.startsWith('intermin-press-'),
);

export interface SourceSelection {
  /** Comma-separated source ids to read (SOURCE_IDS); default: all. */
  readonly sourceIds?: string | undefined;
  /**
   * Comma-separated press releases to read (PRESS_RELEASE_URLS, `npm start -- --press-releases`), each
   * `URL` or `ID=URL`; default: none, the listings lead to them. With an id the release is known by it (its snapshot
   * `--pages DIR/<ID>.html`, its state); without one the id is derived from the URL (pressReleaseId).
   */
  readonly pressReleaseUrls?: string | undefined;
}

/** One configured release: `https://…` or `intermin-press-2022-12-14-fi=https://…`. */
export interface PressReleaseEntry {
  readonly id: string;
  readonly url: string;
}

const RELEASE_ID = /^[a-z0-9][a-z0-9-]{2,80}$/;

/**
 * Parses the configured list of press releases (see SourceSelection.pressReleaseUrls). Throws
 * ConfigError naming every entry that is not an https URL or has an id that is not a lower-case slug.
 */
export function parsePressReleaseList(list: string, name = 'PRESS_RELEASE_URLS'): PressReleaseEntry[] {
  const entries = list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad: string[] = [];
  const parsed = entries.flatMap((entry) => {
    const eq = entry.indexOf('=');
    const hasId = eq > 0 && !entry.slice(0, eq).includes('/');
    const url = hasId ? entry.slice(eq + 1).trim() : entry;
    const id = hasId ? entry.slice(0, eq).trim() : null;
    if (!URL.canParse(url) || new URL(url).protocol !== 'https:' || (id !== null && !RELEASE_ID.test(id))) {
      bad.push(`"${redactCredentials(entry)}"`);
      return [];
    }
    refuseCredentials(new URL(url), name, entry);
    return [{ id: id ?? pressReleaseId(url), url, entry }];
  });
  if (bad.length > 0) {
    throw new ConfigError(
      `${name} holds entries that are not "https://…" or "<id>=https://…" (id: lower-case letters, digits and hyphens): ${bad.join(', ')}`,
    );
  }
  // The same release listed twice is read once; two releases under one id would lose one of them.
  const first = new Map<string, { url: string; entry: string }>();
  for (const r of parsed) {
    const earlier = first.get(r.id);
    if (earlier !== undefined && earlier.url !== r.url) {
      throw new ConfigError(
        `${name} names the press release id "${r.id}" twice: "${earlier.entry}" and "${r.entry}"; give each release its own id`,
      );
    }
    if (earlier === undefined) first.set(r.id, r);
  }
  return [...first].map(([id, { url }]) => ({ id, url }));
}

/**
 * The sources a deployment or a command-line run reads: the page sources plus one source per
 * configured press release, narrowed by the source ids when given. The Lambda and `npm start` both
 * call this, so a release added to the list is read by both. Throws ConfigError for an unknown id or
 * a malformed entry.
 */
export function configuredSources(selection: SourceSelection = {}): SourceModule[] {
  // Without a list no release is configured: the listings lead to them (docs/discovery.md).
  const releases = selection.pressReleaseUrls?.trim()
    ? parsePressReleaseList(selection.pressReleaseUrls)
    : [];
  const press = releases.map((r) => pressReleaseSource(r.url, r.id));
  const all = [...PAGE_SOURCES, ...press];
  if (!selection.sourceIds?.trim()) return all;
  const wanted = selection.sourceIds
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `SOURCE_IDS names unknown sources ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${all.map((s) => s.id).join(', ')}`,
    );
  }
  return all.filter((s) => wanted.includes(s.id));
}

/** The hosts the live fetcher may contact: those of the built-in sources. */
export function sourceHosts(sources: readonly Pick<SourceModule, 'url'>[]): string[] {
  return [...new Set(sources.map((s) => new URL(s.url).host))].sort();
}
