import { describe, expect, it } from 'vitest';
import { type ChangesDocument, renderChangesJson } from '../../../functions/core/render/changes-json';
import { DEFAULT_RENDERERS } from '../../../functions/core/render/render-dataset';
import {
  BASE_URL,
  baselineProject,
  contextOf,
  LIST_URL,
  lifeOfAProject,
  RUN_AT,
  T0,
  T1,
  T2,
  T3,
  T4,
  T5,
  T6,
} from './feed-fixtures';

const PROJECT = `${BASE_URL}/v1/projects/amif21-kotona-suomessa.json`;

describe('changes.json', () => {
  const ctx = contextOf([[baselineProject()], lifeOfAProject()], []);
  const [file, ...rest] = renderChangesJson(ctx);
  const body = file!.body as string;
  const doc = JSON.parse(body) as ChangesDocument;

  it('is published as v1/changes.json in the latest stage, and is a default renderer', () => {
    expect(rest).toEqual([]);
    expect(file).toMatchObject({
      key: 'v1/changes.json',
      contentType: 'application/json',
      cacheControl: 'public, max-age=300, must-revalidate',
      stage: 'latest',
    });
    expect(DEFAULT_RENDERERS).toContain(renderChangesJson);
  });

  it('lists every recent change newest first, summary edits included but marked as not significant', () => {
    expect(doc.schemaVersion).toBe(1);
    expect(doc.updated).toBe(T6);
    expect(body).not.toContain(RUN_AT);
    expect(doc.significantFields).toEqual(['euFundingEur', 'startDate', 'endDate', 'status']);
    expect(doc.changes.map((c) => [c.id, c.version, c.kind, c.changedAt, c.significant, c.fields])).toEqual([
      ['amif21-kotona-suomessa', 6, 'reinstated', T6, true, ['status']],
      ['amif21-kotona-suomessa', 5, 'removed', T5, true, ['status']],
      ['amif21-kotona-suomessa', 4, 'changed', T4, false, ['summary']],
      ['amif21-kotona-suomessa', 3, 'changed', T3, true, ['endDate']],
      ['amif21-kotona-suomessa', 2, 'changed', T2, true, ['euFundingEur']],
      ['amif21-kotona-suomessa', 1, 'new', T1, true, []],
      ['amif21-baseline', 1, 'new', T0, true, []],
    ]);
  });

  it('gives each change its project, values as of that version, significant old/new values and links', () => {
    const byVersion = new Map(
      doc.changes.filter((c) => c.id === 'amif21-kotona-suomessa').map((c) => [c.version, c]),
    );
    expect(byVersion.get(2)).toEqual({
      id: 'amif21-kotona-suomessa',
      name: 'Kotona Suomessa',
      beneficiary: { id: 'turun-kaupunki', name: 'Turun kaupunki' },
      kind: 'changed',
      changedAt: T2,
      version: 2,
      significant: true,
      fields: ['euFundingEur'],
      significantChanges: [{ field: 'euFundingEur', old: 1_000_000, new: 1_153_584.12 }],
      euFundingEur: 1_153_584.12,
      startDate: '2024-01-01',
      endDate: '2025-12-31',
      status: 'listed',
      links: { project: PROJECT, sources: [LIST_URL] },
    });
    expect(byVersion.get(3)?.significantChanges).toEqual([
      { field: 'endDate', old: '2025-12-31', new: '2026-06-30' },
    ]);
    expect(byVersion.get(4)?.significantChanges).toEqual([]);
    expect(byVersion.get(5)).toMatchObject({
      status: 'removed',
      significantChanges: [{ field: 'status', old: 'listed', new: 'removed' }],
    });
    expect(byVersion.get(1)).toMatchObject({ euFundingEur: 1_000_000, status: 'listed', fields: [] });
  });

  it('gives byte-identical output for identical input', () => {
    const again = contextOf([[baselineProject()], lifeOfAProject()], []);
    expect(renderChangesJson(again)[0]!.body).toBe(body);
    expect(renderChangesJson({ ...again, recentChanges: [...again.recentChanges].reverse() })[0]!.body).toBe(
      body,
    );
  });

  it('is an empty list when nothing changed recently', () => {
    const empty = JSON.parse(renderChangesJson({ ...ctx, recentChanges: [] })[0]!.body as string);
    expect(empty).toMatchObject({ updated: null, changes: [] });
  });
});
