import { DEFAULTS } from '../defaults';
import { publicationOrder } from '../diff';
import type { FeedConfig } from '../feed-config';
import type { ProjectVersion } from '../model/history';
import type { Publication } from '../model/publication';
import { snapshotId } from '../model/snapshot';
import type { ObjectStore, StateStore } from '../ports';
import type { Renderer } from '../render/render-context';
import type { SourceModule } from '../sources/source-module';
import { forEachLimited } from '../worker-pool';
import { loadChangeLog } from './change-log';
import type { RenderStateInput } from './render-state';

export interface RenderSettings {
  readonly config: FeedConfig;
  readonly sources: readonly SourceModule[];
  readonly renderers?: readonly Renderer[];
  readonly recentChangeLimit?: number;
  /** Where the previous snapshot's change history is read back from; without it the history is rebuilt. */
  readonly store?: Pick<ObjectStore, 'get'>;
}

/**
 * What a committed publication is rendered from, read from the state store alone: the run that
 * finishes a pending publication uses it, and so do the tests that compare the published files
 * with a fresh render of the committed state.
 */
export async function loadRenderState(
  state: StateStore,
  publication: Publication,
  settings: RenderSettings,
): Promise<RenderStateInput> {
  const records = (await state.loadCurrent()).sort(publicationOrder);
  const limit = settings.recentChangeLimit ?? DEFAULTS.recentChangeLimit;
  const [stored, snapshots, since] = await Promise.all([
    state.loadChangesSince(recentChangesSince(publication.startedAt), limit),
    state.loadSnapshots(),
    state.loadChangesSince(publication.startedAt),
  ]);
  const runVersions = since.filter((v) => v.run.runId === publication.runId);
  const changedIds = new Set(
    publication.rewriteAll ? records.map((r) => r.id) : runVersions.map((v) => v.id),
  );
  const own = snapshotId(publication.startedAt);
  const earlier = snapshots.filter((s) => s.id !== own);
  const changeLog = await loadChangeLog(state, settings.store, earlier, runVersions);
  return {
    config: settings.config,
    sources: settings.sources,
    publication,
    records,
    changedIds,
    historyById: await loadHistories(state, changedIds, []),
    recentChanges: mergeRecent(stored, [], limit),
    snapshots: earlier,
    changeLog: changeLog.input,
    ...(settings.renderers ? { renderers: settings.renderers } : {}),
  };
}

/** The start of the window changes.json and the feeds draw their recent changes from. */
export function recentChangesSince(startedAt: string): string {
  return new Date(Date.parse(startedAt) - DEFAULTS.recentChangeDays * 86_400_000).toISOString();
}

/**
 * The full history of each project in `ids`: the stored versions and this run's, oldest first.
 * A project first seen this run has no stored history, so it costs no query.
 */
export async function loadHistories(
  state: StateStore,
  ids: ReadonlySet<string>,
  fresh: readonly ProjectVersion[],
): Promise<Map<string, ProjectVersion[]>> {
  const freshById = new Map<string, ProjectVersion[]>();
  for (const v of fresh) {
    const list = freshById.get(v.id);
    if (list) list.push(v);
    else freshById.set(v.id, [v]);
  }
  const histories = new Map<string, ProjectVersion[]>();
  // A bounded number of queries at once: one per project whose history is shown.
  await forEachLimited([...ids], 8, async (id) => {
    const added = freshById.get(id) ?? [];
    const stored = added.some((v) => v.version === 1) ? [] : await state.loadVersions(id);
    const known = new Set(added.map((v) => v.version));
    histories.set(
      id,
      [...stored.filter((v) => !known.has(v.version)), ...added].sort((a, b) => a.version - b.version),
    );
  });
  return new Map([...ids].map((id) => [id, histories.get(id) ?? []]));
}

/** The newest `limit` versions of stored and fresh together (fresh ones win), newest first. */
export function mergeRecent(
  stored: readonly ProjectVersion[],
  fresh: readonly ProjectVersion[],
  limit: number,
): ProjectVersion[] {
  const key = (v: ProjectVersion) => `${v.id}#${v.version}`;
  const freshKeys = new Set(fresh.map(key));
  return [...fresh, ...stored.filter((v) => !freshKeys.has(key(v)))]
    .sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, limit);
}
