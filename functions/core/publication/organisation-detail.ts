import { createHash } from 'node:crypto';
import { projectsByBeneficiary } from '../model/organisation';
import type { ProjectRecord } from '../model/project';
import { organisationKeys, renderOrganisationFiles } from '../render/organisation-files';
import type { OutputFile } from '../render/output-file';
import type { RenderContext } from '../render/render-context';

export interface OrganisationDetail {
  readonly keys: readonly string[];
  readonly manifestLines: readonly string[];
  batches(): Iterable<OutputFile[]>;
}

/**
 * The files of the organisations a publication touches: those of every changed project, before
 * and after the change (a project that moved to another beneficiary changes both). Like the
 * per-project files they are rendered batch by batch when written, and the manifest names each by
 * what it is rendered from: the versions of the organisation's projects. An organisation left
 * with no project keeps its last files.
 */
export function organisationDetail(ctx: RenderContext, batchProjects: number): OrganisationDetail {
  const groups = projectsByBeneficiary(ctx.records);
  const touched = touchedOrganisations(ctx);
  const ids = [...groups.keys()].filter((id) => touched.has(id));
  const keys: string[] = [];
  const manifestLines: string[] = [];
  for (const id of ids) {
    const input = inputDigest(groups.get(id)!);
    for (const key of organisationKeys(id)) {
      keys.push(key);
      manifestLines.push(`${key}\tinput:${input}`);
    }
  }
  return {
    keys,
    manifestLines,
    *batches() {
      let batch: OutputFile[] = [];
      let projects = 0;
      for (const id of ids) {
        const records = groups.get(id)!;
        batch.push(...renderOrganisationFiles(ctx, records));
        projects += records.length;
        if (projects >= batchProjects) {
          yield batch;
          batch = [];
          projects = 0;
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

function touchedOrganisations(ctx: RenderContext): Set<string> {
  const touched = new Set<string>();
  const byId = new Map(ctx.records.map((r) => [r.id, r]));
  for (const id of ctx.changedIds) {
    const record = byId.get(id);
    if (record) touched.add(record.beneficiary.id);
    for (const v of ctx.historyById.get(id) ?? []) touched.add(v.record.beneficiary.id);
  }
  return touched;
}

/** The organisation's projects by id, version and time of change: what its files are rendered from. */
function inputDigest(records: readonly ProjectRecord[]): string {
  const hash = createHash('sha256');
  for (const r of records) hash.update(`${r.id}@${r.version}@${r.lastChangedAt}\n`);
  return `sha256:${hash.digest('hex')}`;
}
