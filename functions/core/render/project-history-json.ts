import type { ChangeKind, FieldChange, ProjectVersion, RunRef } from '../model/history';
import type { ProjectRecord } from '../model/project';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import type { DetailRenderer, RenderContext, Renderer } from './render-context';

/** One version as v1/projects/<id>.json lists it: what changed, when, and which run read it. */
export interface PublishedVersion {
  readonly version: number;
  readonly kind: ChangeKind;
  readonly changedAt: string;
  /**
   * Every tracked field that differs from the previous version, with its old and new value
   * (empty for `new`: version 1 is the record with every later change undone).
   */
  readonly fields: readonly FieldChange[];
  readonly run: RunRef;
}

/**
 * v1/projects/<id>.json:
 *
 * ```
 * {
 *   "project": ProjectRecord,            // as in projects.json, current version
 *   "versions": [                        // oldest first; the last one is project.version
 *     { "version": 1, "kind": "new", "changedAt": "…Z", "fields": [],
 *       "run": { "runId": "run-…", "at": "…Z", "sources": [{ "id", "url", "sha256" }] } },
 *     { "version": 2, "kind": "changed", "changedAt": "…Z",
 *       "fields": [{ "field": "euFundingEur", "old": 1000, "new": 1200 }], "run": { … } }
 *   ]
 * }
 * ```
 *
 * Versions carry differences, not whole records: any earlier version is the current record
 * with the `old` values of every later version put back, newest first.
 */
export interface ProjectHistoryDocument {
  readonly project: ProjectRecord;
  readonly versions: readonly PublishedVersion[];
}

export function projectHistoryKey(id: string): string {
  return `v1/projects/${id}.json`;
}

export function projectHistoryDocument(
  project: ProjectRecord,
  versions: readonly ProjectVersion[],
): ProjectHistoryDocument {
  return {
    project,
    versions: [...versions]
      .sort((a, b) => a.version - b.version)
      .map((v) => ({
        version: v.version,
        kind: v.kind,
        changedAt: v.changedAt,
        fields: v.fields,
        run: v.run,
      })),
  };
}

/**
 * One v1/projects/<id>.json per project that changed this run (every project on the first run),
 * as a detail renderer: written batch by batch (see DetailRenderer).
 */
export const projectHistories: DetailRenderer = {
  keysOf: (id) => [projectHistoryKey(id)],
  render: projectHistoryFiles,
};

/** The same files rendered at once, for a renderer list. */
export const renderProjectHistories: Renderer = projectHistoryFiles;

function projectHistoryFiles(ctx: RenderContext): OutputFile[] {
  const current = new Map(ctx.records.map((r) => [r.id, r]));
  return [...ctx.changedIds].sort().flatMap((id) => {
    const versions = ctx.historyById.get(id) ?? [];
    const project = current.get(id) ?? versions.at(-1)?.record;
    if (!project) return [];
    return [
      {
        key: projectHistoryKey(id),
        body: jsonBody(projectHistoryDocument(project, versions)),
        contentType: CONTENT_TYPES.json,
        cacheControl: CACHE_LATEST,
        stage: 'detail',
      },
    ];
  });
}
