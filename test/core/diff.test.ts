import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../functions/core/diff';
import type { RunRef } from '../../functions/core/model/history';
import type { ProjectDraft, ProjectRecord } from '../../functions/core/model/project';
import { draft } from '../helpers/drafts';

const READ = new Set(['eusa-amif-2021']);
const run = (at: string): RunRef => ({
  runId: `run-${at}`,
  at,
  sources: [{ id: 'eusa-amif-2021', url: 'https://x.fi', sha256: 'aa' }],
});

function first(drafts: ProjectDraft[]): ProjectRecord[] {
  return diffProjects({ drafts, current: [], readSources: READ, run: run('2026-01-01T04:00:00Z') }).records;
}

describe('Core: diff', () => {
  it('records every project of the first run as new, version 1', () => {
    const result = diffProjects({
      drafts: [draft('A'), draft('B')],
      current: [],
      readSources: READ,
      run: run('2026-01-01T04:00:00Z'),
    });
    expect(result.counts).toEqual({ total: 2, new: 2, changed: 0, removed: 0, reinstated: 0, unchanged: 0 });
    expect(result.versions.map((v) => [v.kind, v.version])).toEqual([
      ['new', 1],
      ['new', 1],
    ]);
    expect(result.records[0]).toMatchObject({
      status: 'listed',
      removedAt: null,
      firstSeenAt: '2026-01-01T04:00:00Z',
      version: 1,
    });
  });

  it('finds nothing to do when the pages say the same, whatever the date', () => {
    const current = first([draft('A'), draft('B')]);
    const result = diffProjects({
      drafts: [draft('B'), draft('A')],
      current,
      readSources: READ,
      run: run('2031-06-01T04:00:00Z'),
    });
    expect(result.counts.unchanged).toBe(2);
    expect(result.changed).toEqual([]);
    expect(result.versions).toEqual([]);
    expect(result.records).toEqual(current);
  });

  it('names the changed fields with old and new values and bumps the version', () => {
    const current = first([draft('A')]);
    const result = diffProjects({
      drafts: [draft('A', { euFundingEur: 120000, endDate: '2025-06-30' })],
      current,
      readSources: READ,
      run: run('2026-02-01T04:00:00Z'),
    });
    expect(result.counts.changed).toBe(1);
    expect(result.versions[0]).toMatchObject({
      kind: 'changed',
      version: 2,
      changedAt: '2026-02-01T04:00:00Z',
      fields: [
        { field: 'euFundingEur', old: 100000.5, new: 120000 },
        { field: 'endDate', old: '2024-12-31', new: '2025-06-30' },
      ],
    });
    expect(result.changed[0]).toMatchObject({
      firstSeenAt: '2026-01-01T04:00:00Z',
      lastChangedAt: '2026-02-01T04:00:00Z',
    });
  });

  it('keeps the id of a renamed project whose beneficiary, dates and amount stay', () => {
    const current = first([draft('Varausapu 2'), draft('B')]);
    const renamed = draft('Varausapu 2 - turvapaikkakuulemisten varausjärjestelmän uudistaminen');
    expect(renamed.id).not.toBe(current.find((r) => r.name === 'Varausapu 2')!.id);
    const result = diffProjects({
      drafts: [renamed, draft('B')],
      current,
      readSources: READ,
      run: run('2026-02-01T04:00:00Z'),
    });
    expect(result.counts).toMatchObject({ new: 0, changed: 1, removed: 0 });
    expect(result.versions[0]).toMatchObject({
      id: current.find((r) => r.name === 'Varausapu 2')!.id,
      fields: [
        { field: 'name', old: 'Varausapu 2', new: renamed.name },
        {
          field: 'summary',
          old: 'Varausapu 2: tavoite ja tulokset.',
          new: `${renamed.name}: tavoite ja tulokset.`,
        },
      ],
    });
  });

  it('records a removal as an event and keeps the project; a return is a reinstatement with the old id', () => {
    const current = first([draft('A'), draft('B')]);
    const removed = diffProjects({
      drafts: [draft('A')],
      current,
      readSources: READ,
      run: run('2026-02-01T04:00:00Z'),
    });
    const b = removed.records.find((r) => r.name === 'B')!;
    expect(removed.counts).toMatchObject({ total: 2, removed: 1, unchanged: 1 });
    expect(b).toMatchObject({ status: 'removed', removedAt: '2026-02-01T04:00:00Z', version: 2 });

    const back = diffProjects({
      drafts: [draft('A'), draft('B')],
      current: removed.records,
      readSources: READ,
      run: run('2026-03-01T04:00:00Z'),
    });
    expect(back.counts).toMatchObject({ reinstated: 1, unchanged: 1 });
    expect(back.versions[0]).toMatchObject({
      id: b.id,
      kind: 'reinstated',
      version: 3,
      fields: [{ field: 'status', old: 'removed', new: 'listed' }],
    });
    expect(back.records.find((r) => r.id === b.id)).toMatchObject({
      status: 'listed',
      removedAt: null,
      firstSeenAt: '2026-01-01T04:00:00Z',
    });
  });

  it('never removes a project whose source was not read this run', () => {
    const current = first([draft('A'), draft('B')]);
    const result = diffProjects({
      drafts: [],
      current,
      readSources: new Set(),
      run: run('2026-02-01T04:00:00Z'),
    });
    expect(result.counts).toMatchObject({ removed: 0, unchanged: 2 });
    expect(result.records).toEqual(current);
  });

  it('merges an announced project into the listed record that carries its announcement', () => {
    const announcement = {
      date: '2023-04-12',
      url: 'https://intermin.fi/sv/-/x',
      lang: 'sv' as const,
      amountEur: 212429,
    };
    const announced = draft('Projektet KOTU', {
      listing: 'announced',
      sources: [{ id: 'intermin-press-2023-04-12-sv', url: 'https://intermin.fi/sv/-/x' }],
      announcements: [announcement],
    });
    const current = first([announced]);
    expect(current[0]!.status).toBe('announced');
    const listed = draft('KOTU- Koulutusta turvapaikkapuhuttelujen tulkeille', {
      announcements: [announcement],
    });
    const result = diffProjects({
      drafts: [listed],
      current,
      readSources: new Set([...READ, 'intermin-press-2023-04-12-sv']),
      run: run('2026-02-01T04:00:00Z'),
    });
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      id: current[0]!.id,
      status: 'listed',
      name: listed.name,
      version: 2,
    });
    expect(result.counts).toMatchObject({ new: 0, changed: 1 });
  });

  it('keeps the id of a Migri-only project once a ministry list carries it', () => {
    const migri = {
      url: 'https://migri.fi/hankkeet',
      title: 'MOVE – sujuvan kuntaan muuton edistäminen',
      schedule: '1.8.2024–31.7.2025',
      description: 'Kuvaus.',
      goals: 'Tavoitteet.',
    };
    const own = draft('MOVE – sujuvan kuntaan muuton edistäminen', {
      programme: 'EUSA 2021-2027',
      fund: 'EUSA',
      sources: [{ id: 'migri-hankkeet', url: 'https://migri.fi/hankkeet' }],
      migri: { ...migri, matchedBy: 'none' },
    });
    const current = first([own]);
    const listed = draft('MOVE - Sujuvan kuntaan muuton edistäminen', {
      startDate: '2024-08-01',
      endDate: '2025-07-31',
      euFundingEur: 480000,
      migri: { ...migri, matchedBy: 'title+dates' },
    });
    const result = diffProjects({
      drafts: [listed],
      current,
      readSources: new Set([...READ, 'migri-hankkeet']),
      run: run('2026-02-01T04:00:00Z'),
    });
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ id: current[0]!.id, programme: 'AMIF 2021-2027', version: 2 });
    expect(result.counts).toMatchObject({ new: 0, removed: 0, changed: 1 });
  });
});
