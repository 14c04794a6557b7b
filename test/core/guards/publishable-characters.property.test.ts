import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { feedConfigSchema } from '../../../functions/core/feed-config';
import { publishableDraft } from '../../../functions/core/guards/publishable-characters';
import { projectVersionSchema } from '../../../functions/core/model/history';
import type { ProjectDraft, ProjectRecord } from '../../../functions/core/model/project';
import { renderState } from '../../../functions/core/publication/render-state';
import type { OutputFile } from '../../../functions/core/render/output-file';
import { eusaAmif2021 } from '../../../functions/core/sources/eusa-amif-2021';
import { readCsv, readTurtle, readXml, strictUtf8 } from '../../helpers/format-readers';
import { firstVersion, record, runAt, T1, T2 } from '../render/feed-fixtures';

const ILLEGAL_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** In markup (HTML, Atom), an override opened and not closed before its text node ends. */
const OPEN_OVERRIDE = /\u202e[^\u202c<]*(?:$|<)/;
const ID = 'amif21-x';
const FIRST_NAME = record().name;

/** Hostile text: any code unit, lone surrogates, noncharacters, controls and direction controls. */
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '\ufffe',
        '\uffff',
        '\ud800',
        '\udfff',
        '\u0000',
        '\u000b',
        '\r',
        '\r\n',
        '\u202e',
        '\u202c',
        '\u2067',
        '<',
        '&',
        '"',
        ']]>',
        '=1+1',
        '\ufdd0',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => `A${parts.join('')}`);

/**
 * Every file one publication writes (dataset, workbook, catalogue, snapshot, per-project and
 * organisation files): the project was first seen with plain texts, then renamed to the hostile ones
 * with its amount raised (a change the feeds announce), so the texts are a current value, a feed
 * entry and a change's new value in the history files.
 */
async function publishedFiles(clean: ProjectRecord): Promise<OutputFile[]> {
  const before = firstVersion(
    record({ id: ID, beneficiary: { id: 'org-x', name: 'Alku Oy' }, firstSeenAt: T1, lastChangedAt: T1 }),
  );
  const after = projectVersionSchema.parse({
    id: ID,
    version: 2,
    kind: 'changed',
    changedAt: T2,
    fields: [
      { field: 'name', old: before.record.name, new: clean.name },
      { field: 'summary', old: before.record.summary, new: clean.summary },
      { field: 'euFundingEur', old: before.record.euFundingEur, new: clean.euFundingEur },
    ],
    run: runAt(T2),
    record: clean,
  });
  const rendered = await renderState({
    config: feedConfigSchema.parse({ publicBaseUrl: 'https://amif.example.fi' }),
    sources: [eusaAmif2021],
    publication: {
      runId: runAt(T2).runId,
      startedAt: T2,
      formatVersion: 1,
      rewriteAll: true,
      counts: { total: 1, new: 0, changed: 1, removed: 0, reinstated: 0, unchanged: 0 },
      sources: [{ id: eusaAmif2021.id, pageUpdated: '2024-03-05' }],
      reference: null,
    },
    records: [clean],
    changedIds: new Set([ID]),
    historyById: new Map([[ID, [before, after]]]),
    recentChanges: [after, before],
    snapshots: [],
    changeLog: { base: null, versions: [before, after] },
  });
  const files = [...rendered.files, ...[...rendered.detail.batches()].flat()];
  expect(files).toHaveLength(rendered.fileCount);
  return files;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A file's bytes as the store writes them (text as UTF-8). */
function bytesOf(file: OutputFile): Uint8Array {
  return typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
}

/** The cells of the column `name` (and of `new` where the changed field is `name`) of a CSV file. */
async function namesInCsv(text: string, delimiter: ',' | ';'): Promise<string[]> {
  const [header, ...rows] = await readCsv(text, delimiter);
  // Every row has the header's columns: a broken quote would shift or split them.
  for (const row of rows) expect(row).toHaveLength(header!.length);
  const column = (label: string) => header!.indexOf(label);
  if (column('name') >= 0) return rows.map((r) => r[column('name')]!);
  return rows.filter((r) => r[column('field')] === 'name').map((r) => r[column('new')]!);
}

/** Reads one published file back with a real reader for its format; what the checks found. */
async function readBack(file: OutputFile, name: string): Promise<{ format: string; holdsName: boolean }> {
  const text = strictUtf8(bytesOf(file));
  expect(ILLEGAL_XML.test(text), file.key).toBe(false);
  const key = file.key;
  if (/\.(html|atom)$/.test(key)) expect(OPEN_OVERRIDE.test(text), key).toBe(false);
  if (/\.(json|jsonld)$/.test(key)) return { format: 'json', holdsName: text.includes(JSON.stringify(name)) };
  if (key.endsWith('.jsonl')) {
    const lines = text.trimEnd().split('\n');
    return {
      format: 'json',
      holdsName: lines.some((l) => JSON.stringify(JSON.parse(l)).includes(JSON.stringify(name))),
    };
  }
  if (/\.(atom|xml|svg)$/.test(key)) {
    // Titles collapse runs of white space; the name's other characters are all there.
    const words = collapse(name);
    return { format: 'xml', holdsName: readXml(text).some((t) => collapse(t).includes(words)) };
  }
  if (key.endsWith('.ttl')) {
    expect(readTurtle(text), key).toBeGreaterThan(10);
    return { format: 'turtle', holdsName: false };
  }
  if (key.endsWith('.csv')) {
    // The change log has the first version's name, then the hostile one.
    const expected = key.endsWith('changes.csv') ? [FIRST_NAME, name] : [name];
    expect(await namesInCsv(text, key.endsWith('.excel.csv') ? ';' : ','), key).toEqual(expected);
    return { format: 'csv', holdsName: true };
  }
  return { format: 'other', holdsName: text.includes(name) };
}

/** The workbook: every XML part parses strictly, and SheetJS reads the name back. */
async function readWorkbook(body: Uint8Array, name: string): Promise<void> {
  const zip = await JSZip.loadAsync(body);
  const parts = Object.values(zip.files).filter((e) => !e.dir && /\.(xml|rels)$/.test(e.name));
  expect(parts.length).toBeGreaterThan(5);
  for (const part of parts) readXml(strictUtf8(await part.async('uint8array')));
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(body).Sheets.projects!);
  expect(rows.map((r) => r.name)).toEqual([name]);
}

/** Issue 19: no scraped string makes a published format invalid (JSON, XML/Atom, Turtle, CSV, HTML, xlsx). */
describe('Property: hostile scraped text, cleaned once, publishes valid files', () => {
  it('every file of a publication reads back with a real reader, holds no illegal character, and no override stays open', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (name, beneficiary) => {
        const raw = record({
          id: ID,
          name,
          summary: name,
          beneficiary: { id: 'org-x', name: beneficiary },
          euFundingEur: 1_234_567.89,
          firstSeenAt: T1,
          lastChangedAt: T2,
          version: 2,
        });
        const clean = publishableDraft(raw as unknown as ProjectDraft) as unknown as ProjectRecord;
        expect(ILLEGAL_XML.test(clean.name)).toBe(false);
        const formats = new Map<string, number>();
        let workbooks = 0;
        for (const file of await publishedFiles(clean)) {
          if (file.key.endsWith('.xlsx')) {
            await readWorkbook(bytesOf(file), clean.name);
            workbooks++;
            continue;
          }
          const read = await readBack(file, clean.name);
          if (read.holdsName) formats.set(read.format, (formats.get(read.format) ?? 0) + 1);
          else formats.set(read.format, formats.get(read.format) ?? 0);
        }
        // The latest workbook and its snapshot copy; each format both read and holding the name.
        expect(workbooks).toBe(2);
        expect([...formats.keys()].sort()).toEqual(['csv', 'json', 'other', 'turtle', 'xml']);
        for (const format of ['csv', 'json', 'xml']) expect(formats.get(format), format).toBeGreaterThan(0);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
