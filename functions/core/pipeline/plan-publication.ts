import { canonicalJson } from '../canonical-json';
import { DEFAULTS } from '../defaults';
import type { Publication } from '../model/publication';
import type { SnapshotEntry } from '../model/snapshot';
import { loadChangeLog } from '../publication/change-log';
import { loadHistories, mergeRecent, recentChangesSince } from '../publication/load-render-state';
import { type RenderedState, type RenderStateInput, renderState } from '../publication/render-state';
import { OUTPUT_FORMAT_VERSION } from '../render/format-version';
import type { Derived } from './derive';
import {
  type CarriedSnapshots,
  carryPublishedSnapshots,
  predatesPublicationProtocol,
} from './legacy-migration';
import type { PipelineOptions, RunIds } from './run-options';
import type { StoredState } from './stored-state';

export interface Plan {
  readonly publication: Publication;
  readonly rendered: RenderedState;
  /** Snapshots the commit adds to the state: the new one, and earlier ones carried over once. */
  readonly snapshots: readonly SnapshotEntry[];
  readonly warnings: readonly string[];
}

/** The files this run publishes, rendered from the next state; null when it publishes none. */
export async function planPublication(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  derived: Derived,
): Promise<Plan | null> {
  const rewriteAll = stored.publication?.formatVersion !== OUTPUT_FORMAT_VERSION;
  if (!publishes(stored, derived, rewriteAll)) return null;
  const carried: CarriedSnapshots = predatesPublicationProtocol(stored)
    ? await carryPublishedSnapshots(options.store, stored)
    : { snapshots: stored.snapshots, carried: [], warnings: rewriteWarnings(stored, rewriteAll) };
  const { input, warnings } = await renderInput(options, ids, stored, derived, rewriteAll, carried.snapshots);
  const rendered = await renderState(input);
  return {
    publication: {
      ...input.publication,
      status: 'pending',
      files: rendered.fileCount,
      manifestSha256: rendered.manifestSha256,
    },
    rendered,
    snapshots: [...carried.carried, ...(rendered.snapshot ? [rendered.snapshot] : [])],
    warnings: [...carried.warnings, ...warnings],
  };
}

/**
 * Whether the run publishes: a project changed, or the output format did, or a source changed what
 * is published without changing a project (its page date, or the fund page's reference data), so
 * the whole fresh reading is compared with the stored one.
 */
function publishes(stored: StoredState, { reads, diff }: Derived, rewriteAll: boolean): boolean {
  const metaChanged = reads.some(
    (r) =>
      r.kind === 'fresh' &&
      canonicalJson(r.output) !== canonicalJson(stored.sourceStates.get(r.module.id)?.output ?? null),
  );
  return diff.records.length > 0 && (diff.versions.length > 0 || metaChanged || rewriteAll);
}

function rewriteWarnings(stored: StoredState, rewriteAll: boolean): string[] {
  if (!stored.publication || !rewriteAll) return [];
  return [
    `the published files were written by an older output format (${stored.publication.formatVersion}, now ${OUTPUT_FORMAT_VERSION}); every ` +
      `file was written again`,
  ];
}

/** What the next state's files are rendered from, loading only the histories and changes they need. */
async function renderInput(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  { reads, linked, diff }: Derived,
  rewriteAll: boolean,
  snapshots: readonly SnapshotEntry[],
): Promise<{ input: RenderStateInput; warnings: string[] }> {
  const { state } = options;
  const limit = options.recentChangeLimit ?? DEFAULTS.recentChangeLimit;
  const changedIds = new Set((rewriteAll ? diff.records : diff.changed).map((r) => r.id));
  const last = stored.publication && !rewriteAll ? stored.publication : null;
  const [historyById, storedRecent, publishedRecent, changeLog] = await Promise.all([
    loadHistories(state, changedIds, diff.versions),
    state.loadChangesSince(recentChangesSince(ids.startedAt), limit),
    // What the last publication's feeds were drawn from: the feeds that render alike are not rewritten.
    last ? state.loadChangesSince(recentChangesSince(last.startedAt), limit) : null,
    loadChangeLog(state, options.store, snapshots, diff.versions),
  ]);
  const input: RenderStateInput = {
    config: options.config,
    sources: options.sources,
    publication: {
      runId: ids.runId,
      startedAt: ids.startedAt,
      formatVersion: OUTPUT_FORMAT_VERSION,
      rewriteAll,
      counts: diff.counts,
      sources: reads.map((r) => ({ id: r.module.id, pageUpdated: r.report.pageUpdated })),
      reference: linked.reference,
    },
    records: diff.records,
    changedIds,
    historyById,
    recentChanges: mergeRecent(storedRecent, diff.versions, limit),
    snapshots,
    changeLog: changeLog.input,
    ...(options.renderers ? { renderers: options.renderers } : {}),
    published: publishedRecent
      ? { records: stored.current, recentChanges: mergeRecent(publishedRecent, [], limit) }
      : null,
  };
  return { input, warnings: changeLog.warning ? [changeLog.warning] : [] };
}
