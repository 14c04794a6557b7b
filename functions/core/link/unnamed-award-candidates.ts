import type { Beneficiary, ProjectDraft } from '../model/project';

/**
 * Whether a listed project can be the one a release of `releaseDate` announces: it has not ended
 * before the release, and it started at most a year before it (a release may report an award after
 * the project began, as Migri's news of 1.8.2023 does for a project started 1.1.2023; a project
 * running for longer was funded by an earlier call). An unknown date does not rule a project out.
 */
export function periodFits(
  project: Pick<ProjectDraft, 'startDate' | 'endDate'>,
  releaseDate: string,
): boolean {
  const yearBefore = `${Number(releaseDate.slice(0, 4)) - 1}${releaseDate.slice(4)}`;
  return (
    (project.endDate === null || project.endDate >= releaseDate) &&
    (project.startDate === null || project.startDate >= yearBefore)
  );
}

/**
 * The listed projects an award to `organisation` that names neither project nor amount can be: the
 * organisation's projects among `candidates` (the release's programme) whose period fits the release.
 * Exactly one is a link; several are only reported, since choosing one would be a guess.
 */
export function unnamedAwardCandidates(
  organisation: Beneficiary,
  candidates: readonly ProjectDraft[],
  releaseDate: string,
): ProjectDraft[] {
  return candidates.filter((p) => p.beneficiary.id === organisation.id && periodFits(p, releaseDate));
}
