import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../../../functions/core/diff';
import { linkOutputs } from '../../../../functions/core/link';
import type { ProjectRecord } from '../../../../functions/core/model/project';
import { unchangedFeedKeys } from '../../../../functions/core/publication/unchanged-feeds';
import {
  buildSearchIndex,
  renderSearchIndex,
  SEARCH_INDEX_KEY,
  type SearchIndex,
  STEM_SEARCH_JS,
  searchTexts,
} from '../../../../functions/core/render/site/search-index';
import { BUILT_IN_SOURCES } from '../../../../functions/core/sources/built-in-sources';
import { contextOf, firstVersion, record } from '../feed-fixtures';

/** Every bundled page read and linked, as `npm start` publishes them (59 projects). */
function bundledRecords(): ProjectRecord[] {
  const outputs = BUILT_IN_SOURCES.flatMap((m) => {
    try {
      return [m.extract(readFileSync(`seeds/pages/${m.id}.html`, 'utf8'))];
    } catch {
      return [];
    }
  });
  return diffProjects({
    drafts: linkOutputs(outputs).drafts,
    current: [],
    readSources: new Set(outputs.map((o) => o.sourceId)),
    run: { runId: 'r', at: '2026-12-05T04:00:00Z', sources: [] },
  }).records;
}

/** The script the browser runs, evaluated as it is shipped. */
const search = new Function(`${STEM_SEARCH_JS}; return amifStemSearch;`)() as {
  find(index: SearchIndex, word: string): Set<string> | null;
  stemMatches(stem: string, word: string): boolean;
};

describe('the front page search index (Snowball stems, v1/search-index.json)', () => {
  const records = bundledRecords();
  const index = buildSearchIndex(records);
  const nameOf = new Map(records.map((r) => [r.id, r.name]));
  const words = (r: ProjectRecord) =>
    searchTexts(r).flatMap((t) => t.text.toLowerCase().match(/\p{L}+/gu) ?? []);

  it('finds the projects whose texts inflect "kotoutuminen", where the literal search found one', () => {
    expect(records).toHaveLength(60);
    expect(records.filter((r) => words(r).includes('kotoutuminen')).map((r) => r.name)).toEqual([
      'Integration2024',
    ]);
    const found = search.find(index, 'kotoutuminen')!;
    expect(found.size).toBe(19);
    const names = [...found].map((id) => nameOf.get(id));
    expect(names).toEqual(
      expect.arrayContaining([
        'Integration2024',
        'Yhteisölähtöisen kotoutumisen pilotti',
        'Mutkatonta kotoutumista',
        'Arjen apu-hanke',
      ]),
    );
    // Each found project has one of the word's own forms: kotoutumisen, -ista, -iseen, -istaan …
    for (const id of found) {
      const r = records.find((x) => x.id === id)!;
      expect(
        words(r).some((w) => /^kotoutum(i|a)/.test(w) && !/^kotoutumis\p{L}{6,}/u.test(w)),
        r.name,
      ).toBe(true);
    }
    // Case and punctuation do not matter; another inflection typed finds at least the same projects.
    expect(search.find(index, 'KOTOUTUMINEN,')).toEqual(found);
    for (const form of ['kotoutumisen', 'kotoutumista']) {
      expect(
        [...found].filter((id) => !search.find(index, form)!.has(id)),
        form,
      ).toEqual([]);
    }
  });

  it('keeps "kotouttaminen" (integrating others, kotouttaa) apart from "kotoutuminen" (kotoutua)', () => {
    expect(search.stemMatches('kotoutumis', 'kotoutuminen')).toBe(true);
    expect(search.stemMatches('kotoutum', 'kotoutuminen')).toBe(true);
    expect(search.stemMatches('kotouttamis', 'kotoutuminen')).toBe(false);
    expect([...search.find(index, 'kotouttaminen')!].map((id) => nameOf.get(id))).toEqual([
      'Kotouttavat taloustaidot',
    ]);
  });

  it('stems Swedish and English texts in their own language', () => {
    const sv = records.filter((r) => searchTexts(r).some((t) => t.lang === 'sv'));
    expect(sv.length).toBeGreaterThan(0);
    expect(search.find(index, 'ab')).toBeNull();
  });

  it('is not written again when a change leaves every text as published (an amount), and is when a name changes', () => {
    const other = record({ id: 'amif21-arjen-apu', name: 'Arjen apu', startDate: '2025-01-01' });
    // The state gives the last publication's records in its own order, not the publication's.
    const published = contextOf([[firstVersion(other)], [firstVersion(record())]], []);
    const written = (changed: ProjectRecord) => {
      const ctx = contextOf([[firstVersion(changed)], [firstVersion(other)]], []);
      const files = renderSearchIndex(ctx);
      const unchanged = unchangedFeedKeys(files, ctx, published);
      return files.filter((f) => !unchanged.has(f.key)).map((f) => f.key);
    };
    expect(written(record({ euFundingEur: 1_100_000 }))).toEqual([]);
    expect(written(record({ name: 'Kotona Ruotsissa' }))).toEqual([SEARCH_INDEX_KEY]);
  });

  it('stays small: 1 869 stems, 39 779 bytes (12 909 gzip) for the 60 bundled projects', () => {
    const body = JSON.stringify(index);
    expect(Object.keys(index.stems)).toHaveLength(1869);
    expect(Buffer.byteLength(body)).toBe(39_779);
    expect(gzipSync(body).byteLength).toBe(12_909);
  });
});
