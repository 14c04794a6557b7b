import { DEFAULTS } from '../defaults';
import { type DiffResult, diffProjects } from '../diff';
import { capLongTexts } from '../guards/cap-long-texts';
import { publishableDraft, publishableValue } from '../guards/publishable-characters';
import { type LinkResult, linkOutputs } from '../link';
import type { RunRef } from '../model/history';
import { outputOf, type SourceRead } from '../source-read';
import type { RunIds } from './run-options';
import type { StoredState } from './stored-state';

/** What a run makes of its reads: the linked drafts and their diff against the stored records. */
export interface Derived {
  readonly reads: readonly SourceRead[];
  readonly linked: LinkResult;
  readonly diff: DiffResult;
}

/** Link every source's standing output, make the drafts publishable, and diff them with the records. */
export function derive(ids: RunIds, stored: StoredState, reads: readonly SourceRead[]): Derived {
  const linkedRaw = linkOutputs(reads.flatMap((r) => outputOf(r, stored.sourceStates) ?? []));
  const linked = { ...linkedRaw, reference: publishableValue(linkedRaw.reference) };
  const drafts = linked.drafts.map((d) => capLongTexts(publishableDraft(d), DEFAULTS.maxTextChars));
  const readSources = new Set(
    reads
      .filter((r) => r.report.status === 'ok' || r.report.status === 'not-modified')
      .map((r) => r.module.id),
  );
  const run: RunRef = {
    runId: ids.runId,
    at: ids.startedAt,
    sources: reads.map((r) => ({ id: r.module.id, url: r.module.url, sha256: r.report.sha256 })),
  };
  const diff = diffProjects({ drafts, current: stored.current, readSources, run });
  return { reads, linked, diff };
}
