import { ConfigError } from '../errors';
import { eusaAmif2014So1, eusaAmif2014So2, eusaAmif2014So3 } from './eusa-amif-2014';
import { eusaAmif2021 } from './eusa-amif-2021';
import { eusaAmifFund } from './eusa-amif-fund';
import { DEFAULT_PRESS_RELEASE_URLS, pressReleaseSource, pressReleaseSources } from './intermin-press';
import { migriHankkeet } from './migri-hankkeet';
import type { SourceModule } from './source-module';

/**
 * Every source the feed reads by default, in the order they are read and listed: the 2021–2027 table,
 * the 2014–2020 pages of specific objectives 1–3, the fund page, Migri's projects page and the bundled
 * press releases. The linker does not depend on this order.
 */
export const BUILT_IN_SOURCES: readonly SourceModule[] = [
  eusaAmif2021,
  eusaAmif2014So1,
  eusaAmif2014So2,
  eusaAmif2014So3,
  eusaAmifFund,
  migriHankkeet,
  ...DEFAULT_PRESS_RELEASE_URLS.map((url) => pressReleaseSource(url)),
];

/** The sources that are not press releases: a deployment's press releases come from its configuration. */
export const PAGE_SOURCES: readonly SourceModule[] = BUILT_IN_SOURCES.filter(
  (s) => !s.id.startsWith('intermin-press-'),
);

export interface SourceSelection {
  /** Comma-separated source ids to read (SOURCE_IDS); default: all. */
  readonly sourceIds?: string | undefined;
  /** Comma-separated press-release URLs (PRESS_RELEASE_URLS); default: the bundled list. */
  readonly pressReleaseUrls?: string | undefined;
}

/**
 * The sources a deployment reads: the page sources plus one source per configured press-release URL
 * (each with an id derived from its URL, see pressReleaseId), narrowed by the source ids when given.
 * Throws ConfigError for an unknown id or a malformed URL.
 */
export function configuredSources(selection: SourceSelection = {}): SourceModule[] {
  const urls = selection.pressReleaseUrls?.trim()
    ? selection.pressReleaseUrls
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean)
    : [...DEFAULT_PRESS_RELEASE_URLS];
  const bad = urls.filter((u) => !URL.canParse(u) || new URL(u).protocol !== 'https:');
  if (bad.length > 0) {
    throw new ConfigError(
      `PRESS_RELEASE_URLS holds addresses that are not https URLs: ${bad.map((u) => `"${u}"`).join(', ')}`,
    );
  }
  const all = [...PAGE_SOURCES, ...pressReleaseSources(urls)];
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
export function sourceHosts(sources: readonly SourceModule[]): string[] {
  return [...new Set(sources.map((s) => new URL(s.url).host))].sort();
}
