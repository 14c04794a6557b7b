import type { ProjectDraft } from '../model/project';
import { stems } from '../normalise/similarity';
import { foldKey } from '../normalise/text';

/** What linking compares of a draft, folded once: linking tries every item against every project. */
export interface DraftKeys {
  readonly name: string;
  readonly acronym: string | null;
  /** The name without a closing description and the word "hanke" (see coreName). */
  readonly coreName: string;
}

/**
 * A name without what releases and lists add around it: a closing "(description)" and the word
 * "hanke" ("Psyyke – hanke (vastaanottojärjestelmän …)" and "Psyyke-hanke" are both "psyyke").
 */
export function coreName(name: string): string {
  return foldKey(name.replace(/\s*\([^()]*\)\s*$/u, ''))
    .replace(/\s*hanke$/u, '')
    .trim();
}

const keys = new WeakMap<ProjectDraft, DraftKeys>();
const stemSets = new WeakMap<ProjectDraft, Map<string, ReadonlySet<string>>>();

export function draftKeys(draft: ProjectDraft): DraftKeys {
  let found = keys.get(draft);
  if (!found) {
    found = {
      name: foldKey(draft.name),
      acronym: draft.acronym === null ? null : foldKey(draft.acronym),
      coreName: coreName(draft.name),
    };
    keys.set(draft, found);
  }
  return found;
}

/**
 * The word stems of one text of a draft (`which` names it: a draft has a block text and a project
 * text), computed once per draft however many pairs it is scored in.
 */
export function draftStems(
  draft: ProjectDraft,
  which: string,
  text: (d: ProjectDraft) => string,
): ReadonlySet<string> {
  let byText = stemSets.get(draft);
  if (!byText) {
    byText = new Map();
    stemSets.set(draft, byText);
  }
  let found = byText.get(which);
  if (!found) {
    found = stems(text(draft));
    byText.set(which, found);
  }
  return found;
}
