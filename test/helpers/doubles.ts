import type { ProjectDraft } from '../../functions/core/model/project';
import type { FetchResult, Logger, PageFetcher } from '../../functions/core/ports';
import type { SourceModule } from '../../functions/core/sources/source-module';

/** A logger that keeps quiet: the tests assert on reports, not on progress lines. */
export const quietLogger: Logger = { info() {}, warn() {}, error() {} };

export const LIST_URL = 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet';

/** A source whose "page" is a JSON list of drafts, so a test can say exactly what the page lists. */
export const jsonListSource: SourceModule = {
  id: 'eusa-amif-2021',
  url: LIST_URL,
  title: 'Rahoitetut AMIF-hankkeet (2021–2027)',
  publisher: 'Sisäministeriö',
  extract: (body) => ({
    kind: 'projects',
    sourceId: 'eusa-amif-2021',
    url: LIST_URL,
    pageUpdated: null,
    drafts: JSON.parse(body) as ProjectDraft[],
    warnings: [],
  }),
};

/** Reads a CSV with quoted cells and CRLF records back into rows; throws unless it ends with CRLF. */
export function readCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('the file does not end with a line terminator');
  return rows;
}

/** A fetcher that serves whatever `body()` returns now as every source's page. */
export function pageFetcher(body: () => string | Promise<string>): PageFetcher {
  return {
    async fetch(source): Promise<FetchResult> {
      return { kind: 'page', page: { body: await body(), url: source.url, etag: null, lastModified: null } };
    },
  };
}

/** A fetcher serving each source the page `pages()` holds for its id at the time of the fetch. */
export function pagesFetcher(pages: () => ReadonlyMap<string, string>): PageFetcher {
  return {
    async fetch(source) {
      const body = pages().get(source.id);
      return body === undefined
        ? { kind: 'missing', reason: 'not in this test' }
        : { kind: 'page', page: { body, url: source.url, etag: null, lastModified: null } };
    },
  };
}
