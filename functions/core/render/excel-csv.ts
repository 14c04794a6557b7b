import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from './output-file';
import { renderProjectsExcelCsv } from './projects-csv';
import type { RenderContext, Renderer } from './render-context';

export const EXCEL_CSV_KEY = 'v1/projects.excel.csv';

/**
 * v1/projects.excel.csv: the same table as projects.csv for spreadsheets with a comma-decimal
 * locale (Finnish Excel opens it with a double click): UTF-8 with BOM, semicolons, decimal commas.
 * Formula-like cells are neutralised exactly as in projects.csv (csv.ts).
 */
export const renderExcelCsv: Renderer = (ctx: RenderContext): OutputFile[] => [
  {
    key: EXCEL_CSV_KEY,
    body: renderProjectsExcelCsv(ctx.records),
    contentType: CONTENT_TYPES.csv,
    cacheControl: CACHE_LATEST,
    stage: 'latest',
  },
];
