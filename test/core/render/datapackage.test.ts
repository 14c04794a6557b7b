import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../../functions/core/diff';
import { feedConfigSchema } from '../../../functions/core/feed-config';
import { linkOutputs } from '../../../functions/core/link';
import { type ProjectRecord, projectRecordSchema } from '../../../functions/core/model/project';
import { renderCatalogue } from '../../../functions/core/render/catalogue-files';
import { catalogueUris } from '../../../functions/core/render/catalogue-uris';
import { columnReferenceMarkdown, projectsTableSchema } from '../../../functions/core/render/datapackage';
import { renderExcelCsv } from '../../../functions/core/render/excel-csv';
import type { OutputFile } from '../../../functions/core/render/output-file';
import { PROJECT_COLUMNS } from '../../../functions/core/render/project-columns';
import { datasetSources } from '../../../functions/core/render/projects-json';
import type { RenderContext } from '../../../functions/core/render/render-context';
import { renderDataset, renderLatestDataset } from '../../../functions/core/render/render-dataset';
import { BUILT_IN_SOURCES } from '../../../functions/core/sources/built-in-sources';
import { renderContext } from '../../helpers/render-context';
import {
  CONSTRAINT_TYPES,
  checkCell,
  checkTable,
  type Field,
  FORMATS,
  TYPES,
} from '../../helpers/table-schema-check';

const BASE = 'https://amif.example.fi';
const AT = '2026-11-22T04:00:00Z';
const config = feedConfigSchema.parse({ publicBaseUrl: BASE });

// --- the bundled dataset, rendered as a changing run would --------------------------------------

function contextOf(records: ProjectRecord[], sources: RenderContext['meta']['sources']): RenderContext {
  return renderContext(records, { publicBaseUrl: BASE, sources, at: AT });
}

function bundledContext(): RenderContext {
  const pages = BUILT_IN_SOURCES.flatMap((m) => {
    try {
      return [
        { m, html: readFileSync(new URL(`../../../seeds/pages/${m.id}.html`, import.meta.url), 'utf8') },
      ];
    } catch {
      return [];
    }
  });
  const outputs = pages.map(({ m, html }) => m.extract(html));
  const diff = diffProjects({
    drafts: linkOutputs(outputs).drafts,
    current: [],
    readSources: new Set(pages.map(({ m }) => m.id)),
    run: { runId: 'run', at: AT, sources: [] },
  });
  const reports = outputs.map((o) => ({ id: o.sourceId, pageUpdated: o.pageUpdated }));
  return contextOf(
    diff.records,
    datasetSources(
      pages.map(({ m }) => m),
      reports,
    ),
  );
}

function renderAll(ctx: RenderContext): Map<string, OutputFile> {
  const files = renderDataset(ctx, [renderLatestDataset, renderExcelCsv]);
  const { files: described } = renderCatalogue(ctx, files);
  return new Map([...files, ...described].map((f) => [f.key, f]));
}

const bytesOf = (body: string | Uint8Array) =>
  typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);

/** The properties and shapes the Data Package / Data Resource / Table Schema specs require. */
function checkDescriptor(dp: Record<string, unknown>): void {
  expect(dp.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
  expect(dp.name).toMatch(/^[a-z0-9._-]+$/);
  expect(typeof dp.id).toBe('string');
  expect(URL.canParse(dp.id as string)).toBe(true);
  expect(typeof dp.title).toBe('string');
  expect(typeof dp.description).toBe('string');
  expect(dp.version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(Number.isNaN(Date.parse(dp.created as string))).toBe(false);
  expect(dp.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(Array.isArray(dp.keywords) && (dp.keywords as unknown[]).every((k) => typeof k === 'string')).toBe(
    true,
  );
  const licenses = dp.licenses as { name?: string; path?: string; title?: string }[];
  expect(licenses.length).toBeGreaterThan(0);
  for (const l of licenses) expect(l.name ?? l.path).toBeTruthy();
  expect(licenses[0]).toEqual({
    name: 'CC-BY-4.0',
    path: 'https://creativecommons.org/licenses/by/4.0/',
    title: 'Creative Commons Attribution 4.0 International',
  });
  const sources = dp.sources as { title: string; path: string }[];
  expect(sources.length).toBeGreaterThan(0);
  for (const s of sources) {
    expect(typeof s.title).toBe('string');
    expect(s.path).toMatch(/^https:\/\//);
  }
  const contributors = dp.contributors as { title: string; roles: string[]; role: string }[];
  expect(contributors.length).toBeGreaterThan(0);
  for (const c of contributors) {
    expect(typeof c.title).toBe('string');
    expect(Array.isArray(c.roles)).toBe(true);
    expect(['author', 'publisher', 'maintainer', 'wrangler', 'contributor']).toContain(c.role);
  }

  const resources = dp.resources as Record<string, unknown>[];
  expect(resources.length).toBeGreaterThan(0);
  expect(new Set(resources.map((r) => r.name)).size).toBe(resources.length);
  for (const r of resources) {
    expect(r.name).toMatch(/^[a-z0-9._-]+$/);
    expect(typeof r.path).toBe('string');
    expect(r.path).not.toMatch(/^\/|\.\.|^[a-z]+:/);
    expect(r.mediatype).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    expect(r.encoding).toBe('utf-8');
    expect(Number.isInteger(r.bytes) && (r.bytes as number) >= 0).toBe(true);
    expect(r.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    if (r.type !== 'table') continue;
    expect(r.profile).toBe('tabular-data-resource');
    expect(r.format).toBe('csv');
    const dialect = r.dialect as Record<string, unknown>;
    expect(typeof dialect.delimiter === 'string' && (dialect.delimiter as string).length === 1).toBe(true);
    expect(dialect).toMatchObject({
      header: true,
      quoteChar: '"',
      doubleQuote: true,
      lineTerminator: '\r\n',
    });
    const schema = r.schema as { fields: Field[]; primaryKey: string | string[]; missingValues: string[] };
    expect(schema.missingValues).toEqual(['']);
    expect(schema.primaryKey).toEqual(r.name === 'changes' ? ['project_id', 'version', 'field'] : 'id');
    expect(new Set(schema.fields.map((f) => f.name)).size).toBe(schema.fields.length);
    for (const key of [schema.primaryKey].flat()) expect(schema.fields.map((f) => f.name)).toContain(key);
    for (const f of schema.fields) {
      expect(TYPES).toContain(f.type);
      if (f.format !== undefined) expect(FORMATS[f.type] ?? []).toContain(f.format);
      expect(typeof f.description).toBe('string');
      for (const key of Object.keys(f.constraints ?? {})) {
        const applies = CONSTRAINT_TYPES[key];
        expect(applies, `${f.name}: constraint ${key}`).toBeDefined();
        if (applies !== 'all') expect(applies, `${f.name}: ${key} on ${f.type}`).toContain(f.type);
      }
      if (f.type === 'number') expect(f.decimalChar).toMatch(/^[.,]$/);
    }
  }
}

describe('v1/datapackage.json: a Frictionless Data Package with Table Schemas from PROJECT_COLUMNS', () => {
  const ctx = bundledContext();
  const files = renderAll(ctx);
  const dp = JSON.parse(files.get('v1/datapackage.json')!.body as string);

  it('is published in the index stage with a short cache, after the files it describes', () => {
    expect(files.get('v1/datapackage.json')).toMatchObject({
      contentType: 'application/json',
      cacheControl: 'public, max-age=300, must-revalidate',
      stage: 'index',
    });
  });

  it('has the required and recommended package properties', () => {
    checkDescriptor(dp);
    expect(dp).toMatchObject({
      name: 'amif-projects-finland',
      id: catalogueUris(config).dataset,
      version: '1.20261122.40000',
      created: AT,
      homepage: `${BASE}/`,
    });
    expect(dp.sources.map((s: { path: string }) => s.path)).toEqual(ctx.meta.sources.map((s) => s.url));
    expect(dp.contributors[0]).toMatchObject({ title: 'amif-feed', email: 'amif-feed@example.org' });
  });

  it('lists projects.csv, projects.excel.csv and projects.json with their exact sizes and SHA-256', () => {
    const byName = new Map(dp.resources.map((r: { name: string }) => [r.name, r]));
    expect([...byName.keys()]).toEqual(['projects', 'projects-excel', 'projects-json']);
    for (const [name, key] of [
      ['projects', 'v1/projects.csv'],
      ['projects-excel', 'v1/projects.excel.csv'],
      ['projects-json', 'v1/projects.json'],
    ] as const) {
      const resource = byName.get(name) as { path: string; bytes: number; hash: string };
      const bytes = bytesOf(files.get(key)!.body);
      expect(resource.path).toBe(key.slice('v1/'.length));
      expect(resource.bytes).toBe(bytes.byteLength);
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    }
    expect(byName.get('projects')).toMatchObject({ format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' });
    expect(byName.get('projects-json')).toMatchObject({ format: 'json', mediatype: 'application/json' });
  });

  it('gives every column a type, format, English description and the constraints the records guarantee', () => {
    const schema = projectsTableSchema('.');
    expect(schema.fields.map((f) => f.name)).toEqual(PROJECT_COLUMNS.map((c) => c.name));
    for (const [i, column] of PROJECT_COLUMNS.entries()) {
      const field = schema.fields[i]!;
      expect(field.type).toBe(column.type);
      expect(field.description).toBe(column.description);
      if (column.type === 'date' || column.type === 'datetime') expect(field.format).toBe('default');
    }
    const field = (name: string) => schema.fields.find((f) => f.name === name)!;
    expect(field('id').constraints).toMatchObject({ required: true, unique: true });
    expect(field('status').constraints?.enum).toEqual(['listed', 'announced', 'removed']);
    expect(field('specific_objective_code').constraints?.enum).toEqual(['1', '2', '3']);
    expect(field('eu_funding_eur')).toMatchObject({
      type: 'number',
      decimalChar: '.',
      constraints: { minimum: 0 },
    });
    expect(field('version')).toMatchObject({ type: 'integer', constraints: { required: true, minimum: 1 } });
    expect(field('website').format).toBe('uri');
    expect(projectsTableSchema(',').fields.find((f) => f.name === 'eu_funding_eur')!.decimalChar).toBe(',');
  });

  it('every value of the bundled dataset fits its column in both CSV files', () => {
    expect(ctx.records.length).toBeGreaterThan(40);
    const resources = dp.resources as Record<string, unknown>[];
    const csv = resources.find((r) => r.name === 'projects')!;
    const excel = resources.find((r) => r.name === 'projects-excel')!;
    expect(checkTable(csv, bytesOf(files.get('v1/projects.csv')!.body), false)).toEqual([]);
    expect(checkTable(excel, bytesOf(files.get('v1/projects.excel.csv')!.body), true)).toEqual([]);
  });

  it('also fits records at the edges: removed, announced only, amounts missing, formula-looking text', () => {
    const base = ctx.records[0]!;
    const edge = [
      projectRecordSchema.parse({
        ...base,
        id: 'amif21-removed',
        status: 'removed',
        removedAt: '2026-12-01T04:00:00Z',
        version: 3,
        name: '=HYPERLINK("http://x")',
        summary: '',
        euFundingEur: null,
        startDate: null,
        endDate: null,
        specificObjective: null,
        announcements: [
          { date: '2023-04-12', url: 'https://intermin.fi/a', lang: 'sv', amountEur: null },
          { date: '2023-05-02', url: 'https://intermin.fi/b', lang: 'fi', amountEur: 250000 },
        ],
        quality: [
          { code: 'invalid-amount', field: 'euFundingEur', message: 'x', raw: '-', source: null },
          { code: 'schedule-note', field: 'endDate', message: 'y', raw: null, source: null },
        ],
      }),
      projectRecordSchema.parse({ ...base, id: 'amif21-announced', status: 'announced', euFundingEur: 0.5 }),
    ];
    const edgeCtx = contextOf([...ctx.records, ...edge], ctx.meta.sources);
    const edgeFiles = renderAll(edgeCtx);
    const edgeDp = JSON.parse(edgeFiles.get('v1/datapackage.json')!.body as string);
    const [csv, excel] = edgeDp.resources as Record<string, unknown>[];
    expect(checkTable(csv!, bytesOf(edgeFiles.get('v1/projects.csv')!.body), false)).toEqual([]);
    expect(checkTable(excel!, bytesOf(edgeFiles.get('v1/projects.excel.csv')!.body), true)).toEqual([]);
  });

  it('reports a value that breaks its column (the checker itself works)', () => {
    const schema = projectsTableSchema('.');
    const field = (name: string) => schema.fields.find((f) => f.name === name)! as Field;
    expect(checkCell(field('status'), 'gone', [''])).not.toEqual([]);
    expect(checkCell(field('eu_funding_eur'), '1,50', [''])).not.toEqual([]);
    expect(checkCell(field('start_date'), '2024-02-30', [''])).not.toEqual([]);
    expect(checkCell(field('first_seen_at'), '', [''])).toEqual(['required value missing']);
    expect(checkCell(field('quality_codes'), 'made-up:field', [''])).not.toEqual([]);
  });

  it('gives each snapshot its own descriptor: same resources, relative paths, the snapshot as id', () => {
    const id = '2026-11-22T040000Z';
    const snap = JSON.parse(files.get(`v1/snapshots/${id}/datapackage.json`)!.body as string);
    checkDescriptor(snap);
    expect(snap.id).toBe(catalogueUris(config).snapshot(id));
    expect(snap.version).toBe(dp.version);
    expect(files.get(`v1/snapshots/${id}/datapackage.json`)).toMatchObject({
      stage: 'immutable',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    for (const r of snap.resources as { path: string; hash: string }[]) {
      const bytes = bytesOf(files.get(`v1/snapshots/${id}/${r.path}`)!.body);
      expect(r.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    }
  });
});

describe('README.md: the column reference is the generated one', () => {
  it('has exactly the table columnReferenceMarkdown() generates (UPDATE_DOCS=1 rewrites it)', () => {
    const url = new URL('../../../README.md', import.meta.url);
    const doc = readFileSync(url, 'utf8');
    const start = doc.indexOf('<!-- columns:start');
    const end = doc.indexOf('<!-- columns:end -->');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const open = doc.indexOf('-->', start) + '-->'.length;
    const expected = `\n\n${columnReferenceMarkdown()}\n\n`;
    if (process.env.UPDATE_DOCS) writeFileSync(url, `${doc.slice(0, open)}${expected}${doc.slice(end)}`);
    else expect(doc.slice(open, end)).toBe(expected);
    for (const column of PROJECT_COLUMNS)
      expect(columnReferenceMarkdown()).toContain(`| \`${column.name}\` |`);
  });
});
