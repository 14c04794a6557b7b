import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { publishableDraft } from '../../../functions/core/guards/publishable-characters';
import type { ProjectDraft, ProjectRecord } from '../../../functions/core/model/project';
import { renderProjectsXlsx } from '../../../functions/core/render/projects-xlsx';
import { renderDataset } from '../../../functions/core/render/render-dataset';
import { renderContext } from '../../helpers/render-context';
import { record } from '../render/feed-fixtures';

const ILLEGAL_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** In markup (HTML, Atom), an override opened and not closed before its text node ends. */
const OPEN_OVERRIDE = /\u202e[^\u202c<]*(?:$|<)/;

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
        '\u202e',
        '\u202c',
        '\u2067',
        '<',
        '&',
        '"',
        '=1+1',
        '\ufdd0',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => `A${parts.join('')}`);

/** Issue 19: no scraped string makes a published format invalid (JSON, Atom, CSV, HTML, xlsx). */
describe('Property: hostile scraped text, cleaned once, publishes valid files', () => {
  it('every format parses or holds no illegal character, and no override stays open', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (name, beneficiary) => {
        const raw = record({
          id: 'amif21-x',
          name,
          summary: name,
          beneficiary: { id: 'org-x', name: beneficiary },
        });
        const clean = publishableDraft(raw as unknown as ProjectDraft) as unknown as ProjectRecord;
        for (const file of renderDataset(renderContext([clean]))) {
          const text = typeof file.body === 'string' ? file.body : Buffer.from(file.body).toString('utf8');
          expect(ILLEGAL_XML.test(text), file.key).toBe(false);
          if (/\.(html|atom)$/.test(file.key)) expect(OPEN_OVERRIDE.test(text), file.key).toBe(false);
          if (file.key.endsWith('.json')) expect(() => JSON.parse(text), file.key).not.toThrow();
          if (file.key.endsWith('.csv')) {
            const rows = XLSX.utils.sheet_to_json(XLSX.read(text, { type: 'string' }).Sheets.Sheet1!);
            expect(rows.length, file.key).toBe(1);
          }
        }
        const book = await renderProjectsXlsx([clean], '2026-11-22T04:00:00Z');
        const zip = await JSZip.loadAsync(book);
        for (const entry of Object.values(zip.files)) {
          if (!entry.dir) expect(ILLEGAL_XML.test(await entry.async('string')), entry.name).toBe(false);
        }
        const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(book).Sheets.projects!);
        expect(rows[0]?.name).toBe(clean.name);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
