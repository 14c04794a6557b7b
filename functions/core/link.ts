import type { ProjectDraft } from './model/project';
import type { SourceOutput } from './model/source-output';
import { projectId } from './normalise/project-id';

export interface LinkResult {
  readonly drafts: ProjectDraft[];
  readonly warnings: string[];
}

/**
 * Merges the outputs of every source into one draft per project. Today each project comes from
 * one ministry list; two rows that fold to the same name get an id that also covers beneficiary
 * and start date, and an exact repeat of a row is kept once with a warning.
 */
export function linkOutputs(outputs: readonly SourceOutput[]): LinkResult {
  const byId = new Map<string, ProjectDraft>();
  const warnings: string[] = [];
  for (const output of outputs) {
    for (const draft of output.drafts) {
      let candidate = draft;
      if (byId.has(candidate.id)) {
        const disambiguated = projectId(
          draft.programme,
          `${draft.name} ${draft.beneficiary.id} ${draft.startDate ?? ''}`,
        );
        candidate = { ...draft, id: disambiguated };
      }
      if (byId.has(candidate.id)) {
        warnings.push(
          `${output.sourceId}: the project "${draft.name}" (${draft.beneficiary.name}) appears twice; kept once`,
        );
        continue;
      }
      byId.set(candidate.id, candidate);
    }
  }
  return { drafts: [...byId.values()], warnings };
}
