import { type ProjectDraft, projectDraftSchema } from '../../functions/core/model/project';
import { projectId } from '../../functions/core/normalise/project-id';

/** A valid draft of the 2021–2027 table, with the given fields replaced. */
export function draft(name: string, overrides: Partial<ProjectDraft> = {}): ProjectDraft {
  return projectDraftSchema.parse({
    id: projectId('AMIF 2021-2027', name),
    programme: 'AMIF 2021-2027',
    fund: 'AMIF',
    name,
    acronym: null,
    beneficiary: { id: 'maahanmuuttovirasto', name: 'Maahanmuuttovirasto' },
    specificObjective: { code: '1', name: 'Euroopan yhteinen turvapaikkajärjestelmä' },
    nationalObjective: null,
    summary: `${name}: tavoite ja tulokset.`,
    euFundingEur: 100000.5,
    startDate: '2023-01-01',
    endDate: '2024-12-31',
    website: null,
    listing: 'listed',
    sources: [{ id: 'eusa-amif-2021', url: 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet' }],
    migri: null,
    announcements: [],
    quality: [],
    ...overrides,
  });
}
