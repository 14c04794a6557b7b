import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { ConfigError, SourceFetchError } from '../core/errors';
import type { FetchResult, PageFetcher, SourceDescriptor } from '../core/ports';
import { decodeHtml } from './decode-html';

/** The file that maps addresses to snapshot files: `{ "https://…": "file.html" }`. */
export const SNAPSHOT_INDEX_FILE = 'index.json';

const indexSchema = z.record(z.string().url(), z.string().min(1));

/**
 * Reads each source from the directory instead of the network: the file `<dir>/index.json` maps its
 * URL to, else `<dir>/<source-id>.html`. A page the directory does not have means the source is
 * skipped (with a warning), never fetched, and never that its projects were removed. A file has no
 * Content-Type header, so it is decoded by its byte order mark or `<meta charset>`, else as UTF-8,
 * as a saved page opens in a browser.
 */
export function createSnapshotFetcher(dir: string): PageFetcher {
  let index: Promise<Readonly<Record<string, string>>> | null = null;
  return {
    async fetch(source: SourceDescriptor): Promise<FetchResult> {
      index ??= readIndex(dir);
      const mapped = (await index)[source.url] ?? (await index)[source.url.replace(/\/+$/, '')];
      const path = join(dir, mapped ?? `${source.id}.html`);
      try {
        const body = decodeHtml(await readFile(path), null).text;
        return { kind: 'page', page: { body, url: source.url, etag: null, lastModified: null } };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return { kind: 'missing', reason: `no snapshot page at ${path}` };
        }
        throw new SourceFetchError(source.id, `cannot read the snapshot page ${path}`, false, {
          cause: error,
        });
      }
    },
  };
}

/** The directory's index; none when the file is absent. A malformed index stops the run: it is configuration. */
async function readIndex(dir: string): Promise<Readonly<Record<string, string>>> {
  const path = join(dir, SNAPSHOT_INDEX_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = indexSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new ConfigError(`${path}: expected { "https://…": "file.html", … }, found ${text.slice(0, 120)}`);
  }
  for (const [url, file] of Object.entries(parsed.data)) {
    // Files of the directory only: an index cannot point a page at another directory.
    if (basename(file) !== file)
      throw new ConfigError(`${path}: "${url}" maps to "${file}", which is not a file name of ${dir}`);
  }
  return parsed.data;
}
