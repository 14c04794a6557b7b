import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { projectsByBeneficiary } from '../../../functions/core/model/organisation';
import { DETAIL_BATCH_PROJECTS, renderState } from '../../../functions/core/publication/render-state';
import { renderOrganisationFiles } from '../../../functions/core/render/organisation-files';
import { renderProjectHistories } from '../../../functions/core/render/project-history-json';
import { renderSite } from '../../../functions/core/render/site/render-site';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { AT, contextFor, firstVersion, seedRecords } from '../../helpers/site-fixture';

function digests(files: readonly { key: string; body: string | Uint8Array }[]): string[][] {
  return files.map((f) => [f.key, createHash('sha256').update(f.body).digest('hex')]);
}

/** The 47 bundled projects, copied under new ids until the list spans several detail batches. */
function manyRecords(count: number) {
  const seed = seedRecords();
  return Array.from({ length: count }, (_, i) => {
    const base = seed[i % seed.length]!;
    return { ...base, id: `${base.id}-${String(i).padStart(4, '0')}` };
  });
}

function inputFor(records: ReturnType<typeof manyRecords>) {
  const ctx = contextFor(records);
  return {
    config: ctx.config,
    sources: [eusaAmif2021],
    publication: {
      runId: 'run-20261122T040000Z',
      startedAt: AT,
      formatVersion: 1,
      rewriteAll: true,
      counts: ctx.report.counts,
      sources: [{ id: eusaAmif2021.id, pageUpdated: '2024-03-05' }],
      reference: null,
    },
    records,
    changedIds: ctx.changedIds,
    historyById: ctx.historyById,
    recentChanges: ctx.recentChanges,
    snapshots: [],
  };
}

describe('renderState: per-project files rendered batch by batch', () => {
  const records = manyRecords(DETAIL_BATCH_PROJECTS * 2 + 13);

  it('renders no per-project file until they are written, then at most one batch of projects at a time', async () => {
    const rendered = await renderState(inputFor(records));
    expect(rendered.files.some((f) => f.stage === 'detail')).toBe(false);
    const batches = [...rendered.detail.batches()];
    // Four files a project: its history JSON and its page in three languages; then five an
    // organisation (three pages, JSON, CSV), whole organisations to a batch of about as many projects.
    const organisations = projectsByBeneficiary(records);
    const projectBatches = batches.slice(0, 3);
    expect(projectBatches.map((b) => b.length)).toEqual([
      DETAIL_BATCH_PROJECTS * 4,
      DETAIL_BATCH_PROJECTS * 4,
      13 * 4,
    ]);
    const organisationBatches = batches.slice(3);
    expect(organisationBatches.flat()).toHaveLength(organisations.size * 5);
    const largest = Math.max(...[...organisations.values()].map((o) => o.length));
    for (const batch of organisationBatches) {
      const ids = new Set(batch.map((f) => f.key.replace(/^(.*\/)?([^/]+)\.(html|json|csv)$/, '$2')));
      const projects = [...ids].reduce((s, id) => s + organisations.get(id)!.length, 0);
      expect(projects).toBeLessThan(DETAIL_BATCH_PROJECTS + largest);
    }
    expect(rendered.detail.count).toBe(records.length * 4 + organisations.size * 5);
    expect(rendered.fileCount).toBe(rendered.files.length + records.length * 4 + organisations.size * 5);
    expect(
      batches
        .flat()
        .map((f) => f.key)
        .sort(),
    ).toEqual([...rendered.detail.keys].sort());
  });

  it('gives each project the same bytes as rendering every project at once', async () => {
    const rendered = await renderState(inputFor(records));
    const streamed = new Map([...rendered.detail.batches()].flat().map((f) => [f.key, f.body]));
    const ctx = contextFor(records);
    const atOnce = [
      ...renderProjectHistories(ctx),
      ...renderSite(ctx).filter((f) => f.stage === 'detail'),
      ...[...projectsByBeneficiary(records).values()].flatMap((own) => renderOrganisationFiles(ctx, own)),
    ];
    expect(atOnce).toHaveLength(streamed.size);
    for (const file of atOnce) expect(streamed.get(file.key), file.key).toBe(file.body);
  });

  it("changes the manifest when one project's history changes, though no dataset-wide file does", async () => {
    const input = inputFor(records);
    const base = await renderState(input);
    expect((await renderState(inputFor(records))).manifestSha256).toBe(base.manifestSha256);

    const last = records.at(-1)!;
    const earlier = { ...firstVersion(last), changedAt: '2026-11-01T04:00:00Z' };
    const history = new Map(input.historyById);
    history.set(last.id, [earlier, { ...firstVersion(last), version: 2, kind: 'changed' as const }]);
    const changed = await renderState({ ...input, historyById: history });
    // Only the project's own files render the history, and they are not rendered before the commit.
    // Digests, not the bodies: a deep equality over megabytes of Buffers took most of this file's time.
    expect(digests(changed.files)).toEqual(digests(base.files));
    expect(changed.manifestSha256).not.toBe(base.manifestSha256);
  });
});
