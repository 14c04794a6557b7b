import { describe, expect, it } from 'vitest';
import { projectRecordSchema } from '../../../functions/core/model/project';
import {
  type ProjectHistoryDocument,
  projectHistories,
  renderProjectHistories,
} from '../../../functions/core/render/project-history-json';
import { DETAIL_RENDERERS } from '../../../functions/core/render/render-dataset';
import { baselineProject, contextOf, lifeOfAProject, runAt, T1, T2, T3, T4, T5, T6 } from './feed-fixtures';

describe('v1/projects/<id>.json', () => {
  const life = lifeOfAProject();

  it('is written only for the projects that changed this run', () => {
    const files = renderProjectHistories(contextOf([[baselineProject()], life], ['amif21-kotona-suomessa']));
    expect(files.map((f) => f.key)).toEqual(['v1/projects/amif21-kotona-suomessa.json']);
    expect(files[0]).toMatchObject({
      contentType: 'application/json',
      cacheControl: 'public, max-age=300, must-revalidate',
      stage: 'detail',
    });
    expect(renderProjectHistories(contextOf([[baselineProject()], life], []))).toEqual([]);
    expect(DETAIL_RENDERERS).toContain(projectHistories);
  });

  it('writes one file per project on the first run, sorted by id', () => {
    const files = renderProjectHistories(
      contextOf([life, [baselineProject()]], ['amif21-kotona-suomessa', 'amif21-baseline']),
    );
    expect(files.map((f) => f.key)).toEqual([
      'v1/projects/amif21-baseline.json',
      'v1/projects/amif21-kotona-suomessa.json',
    ]);
  });

  it('holds the current record and every version oldest first, as changes rather than copies', () => {
    const [file] = renderProjectHistories(contextOf([life], ['amif21-kotona-suomessa']));
    const doc = JSON.parse(file!.body as string) as ProjectHistoryDocument;
    expect(Object.keys(doc)).toEqual(['project', 'versions']);
    expect(projectRecordSchema.parse(doc.project)).toEqual(life[5]!.record);
    expect(doc.project).toMatchObject({ version: 6, status: 'listed', endDate: '2026-06-30' });
    expect(doc.versions.map((v) => [v.version, v.kind, v.changedAt, v.fields.map((f) => f.field)])).toEqual([
      [1, 'new', T1, []],
      [2, 'changed', T2, ['euFundingEur']],
      [3, 'changed', T3, ['endDate']],
      [4, 'changed', T4, ['summary']],
      [5, 'removed', T5, ['status']],
      [6, 'reinstated', T6, ['status']],
    ]);
    expect(doc.versions[1]).toEqual({
      version: 2,
      kind: 'changed',
      changedAt: T2,
      fields: [{ field: 'euFundingEur', old: 1_000_000, new: 1_153_584.12 }],
      run: runAt(T2),
    });
    for (const v of doc.versions)
      expect(Object.keys(v)).toEqual(['version', 'kind', 'changedAt', 'fields', 'run']);
  });

  it('lets a reader rebuild any earlier version by undoing the later changes', () => {
    const [file] = renderProjectHistories(contextOf([life], ['amif21-kotona-suomessa']));
    const doc = JSON.parse(file!.body as string) as ProjectHistoryDocument;
    const rebuilt: Record<string, unknown> = { ...doc.project };
    for (const v of [...doc.versions].reverse()) {
      if (v.version === 1) break;
      for (const f of v.fields) rebuilt[f.field] = f.old;
    }
    const first = life[0]!.record;
    for (const field of ['euFundingEur', 'endDate', 'summary', 'status'] as const) {
      expect(rebuilt[field]).toEqual(first[field]);
    }
  });

  it('sorts versions that arrive out of order and gives byte-identical output for identical input', () => {
    const ctx = contextOf([life], ['amif21-kotona-suomessa']);
    const body = renderProjectHistories(ctx)[0]!.body;
    const reversed = new Map([['amif21-kotona-suomessa', [...life].reverse()]]);
    expect(renderProjectHistories({ ...ctx, historyById: reversed })[0]!.body).toBe(body);
    expect(renderProjectHistories(contextOf([lifeOfAProject()], ['amif21-kotona-suomessa']))[0]!.body).toBe(
      body,
    );
  });
});
