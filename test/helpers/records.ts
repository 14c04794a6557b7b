import { type ProjectRecord, projectRecordSchema } from '../../functions/core/model/project';

/** The one record factory of the tests: a whole project record, any field overridden. */

export const LIST_URL = 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet';
/** When the default record was first seen (the feed fixtures' T1). */
export const FIRST_SEEN = '2026-02-02T04:00:00Z';

/** A valid first version of a project; `overrides` may change anything. */
export function record(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return projectRecordSchema.parse({
    id: 'amif21-kotona-suomessa',
    programme: 'AMIF 2021-2027',
    fund: 'AMIF',
    name: 'Kotona Suomessa',
    acronym: null,
    beneficiary: { id: 'turun-kaupunki', name: 'Turun kaupunki' },
    specificObjective: { code: '2', name: 'Laillinen muuttoliike ja kotoutuminen' },
    nationalObjective: null,
    summary: 'Hanke tukee kotoutumista.',
    euFundingEur: 1_000_000,
    startDate: '2024-01-01',
    endDate: '2025-12-31',
    website: null,
    status: 'listed',
    sources: [{ id: 'eusa-amif-2021', url: LIST_URL }],
    migri: null,
    announcements: [],
    quality: [],
    removedAt: null,
    firstSeenAt: FIRST_SEEN,
    lastChangedAt: FIRST_SEEN,
    version: 1,
    ...overrides,
  });
}
