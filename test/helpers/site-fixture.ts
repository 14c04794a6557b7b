import { readFileSync } from 'node:fs';
import type { ProjectVersion, RunRef } from '../../functions/core/model/history';
import type { ProjectRecord } from '../../functions/core/model/project';
import type { RenderContext } from '../../functions/core/render/render-context';
import { eusaAmif2021 } from '../../functions/core/sources/eusa-amif-2021';
import { renderContext } from './render-context';

export const AT = '2026-11-22T04:00:00Z';
export const SEED_2021 = 'seeds/pages/eusa-amif-2021.html';

/** The 2021–2027 table of the bundled snapshot as published records, all first seen at AT. */
export function seedRecords(): ProjectRecord[] {
  const output = eusaAmif2021.extract(readFileSync(SEED_2021, 'utf8'));
  return output.drafts.map(({ listing: _listing, ...draft }) => ({
    ...draft,
    status: 'listed',
    removedAt: null,
    firstSeenAt: AT,
    lastChangedAt: AT,
    version: 1,
  }));
}

const run: RunRef = { runId: 'run-20261122T040000Z', at: AT, sources: [] };

export function firstVersion(record: ProjectRecord): ProjectVersion {
  return { id: record.id, version: 1, kind: 'new', changedAt: record.firstSeenAt, fields: [], run, record };
}

/** A render context over the given records; every record counts as changed this run. */
export function contextFor(
  records: readonly ProjectRecord[],
  options: { historyById?: Map<string, ProjectVersion[]>; changedIds?: Set<string> } = {},
): RenderContext {
  const historyById = options.historyById ?? new Map(records.map((r) => [r.id, [firstVersion(r)]]));
  return renderContext(records, {
    publicBaseUrl: 'https://amif.example.org',
    at: AT,
    sources: [
      {
        id: eusaAmif2021.id,
        title: eusaAmif2021.title,
        publisher: eusaAmif2021.publisher,
        url: eusaAmif2021.url,
        pageUpdated: '2024-03-05',
      },
    ],
    overrides: {
      changedIds: options.changedIds ?? new Set(records.map((r) => r.id)),
      historyById,
      recentChanges: [...historyById.values()].flat().sort((a, b) => (a.changedAt < b.changedAt ? 1 : -1)),
    },
  });
}
