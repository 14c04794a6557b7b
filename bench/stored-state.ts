import type { ProjectDraft, ProjectRecord } from '../functions/core/model/project';
import { projectId } from '../functions/core/normalise/project-id';

export const PREVIOUS_RUN_AT = '2025-11-22T04:00:00Z';
export const BENCH_RUN_AT = '2026-11-22T04:00:00Z';

/** Which rows of the synthetic page the stored state treats how (by 0-based row index). */
export const isNewRow = (i: number): boolean => i % 200 === 199;
export const isChangedRow = (i: number): boolean => i % 100 === 41;
export const isRemovedTemplate = (i: number): boolean => i % 200 === 0;

function toRecord(draft: ProjectDraft): ProjectRecord {
  const { listing, ...fields } = draft;
  return {
    ...fields,
    status: listing,
    removedAt: null,
    firstSeenAt: PREVIOUS_RUN_AT,
    lastChangedAt: PREVIOUS_RUN_AT,
    version: 1,
  };
}

/**
 * The state a previous run would have stored for this page: every row except 1 in 200 (those are
 * new this run), 1 row in 100 with a different amount (changed), and 1 extra project per 200 rows
 * that the page no longer lists (removed). The rest is unchanged.
 */
export function storedState(drafts: readonly ProjectDraft[]): ProjectRecord[] {
  const records: ProjectRecord[] = [];
  drafts.forEach((draft, i) => {
    if (isNewRow(i)) return;
    const record = toRecord(draft);
    records.push(
      isChangedRow(i)
        ? { ...record, euFundingEur: Math.round(((record.euFundingEur ?? 0) + 1000.5) * 100) / 100 }
        : record,
    );
  });
  drafts.forEach((draft, i) => {
    if (!isRemovedTemplate(i)) return;
    const name = `${draft.name} (päättynyt)`;
    const record = toRecord({ ...draft, id: projectId(draft.programme, name), name, acronym: null });
    // An amount no new row has, so the diff cannot mistake the vanished project for a renamed one.
    records.push({ ...record, euFundingEur: 0.01 });
  });
  return records;
}
