import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { ConfigError, SourceFetchError } from '../core/errors';
import type { FetchResult, PageFetcher, SourceDescriptor } from '../core/ports';
import { PAGE_LIMITS } from '../core/sources/page-limits';
import { decodeHtml } from './decode-html';

/** The file that maps addresses to snapshot files: `{ "https://…": "file.html" }`. */
export const SNAPSHOT_INDEX_FILE = 'index.json';

const indexSchema = z.record(z.string().url(), z.string().min(1));

export interface SnapshotFetcherOptions {
  /** Largest page read; by default the live fetcher's (PAGE_LIMITS.maxBodyBytes). */
  readonly maxBytes?: number;
}

/**
 * Reads each source from the directory instead of the network: the file `<dir>/index.json` maps its
 * URL to, else `<dir>/<source-id>.html`. A page the directory does not have means the source is
 * skipped (with a warning), never fetched, and never that its projects were removed. A file has no
 * Content-Type header, so it is decoded by its byte order mark or `<meta charset>`, else as UTF-8,
 * as a saved page opens in a browser. Only a regular file no larger than the live fetcher's limit
 * is read: a FIFO would hang the run and `/dev/zero` fill the memory. It is opened without
 * blocking and checked on the open descriptor, so a file swapped meanwhile is checked too.
 */
export function createSnapshotFetcher(dir: string, options: SnapshotFetcherOptions = {}): PageFetcher {
  const maxBytes = options.maxBytes ?? PAGE_LIMITS.maxBodyBytes;
  let index: Promise<Readonly<Record<string, string>>> | null = null;
  return {
    async fetch(source: SourceDescriptor): Promise<FetchResult> {
      index ??= readIndex(dir);
      const mapped = (await index)[source.url] ?? (await index)[source.url.replace(/\/+$/, '')];
      const path = join(dir, mapped ?? `${source.id}.html`);
      const refuse = (why: string, cause?: unknown) =>
        new SourceFetchError(source.id, `cannot read the snapshot page ${path}: ${why}`, false, { cause });
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { kind: 'missing', reason: `no snapshot page at ${path}` };
        throw refuse(`${code ?? (error as Error).message}`, error);
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) throw refuse('not a regular file (a FIFO, device or directory)');
        if (info.size > maxBytes) throw refuse(`${info.size} bytes, above the ${maxBytes}-byte page limit`);
        // Read one byte past the limit: a file that grew since the check is refused too.
        const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
        let length = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
          if (bytesRead === 0) break;
          length += bytesRead;
          if (length > maxBytes) throw refuse(`more than the ${maxBytes}-byte page limit`);
          if (length === buffer.length) throw refuse('it grew while it was read');
        }
        const body = decodeHtml(buffer.subarray(0, length), null).text;
        return { kind: 'page', page: { body, url: source.url, etag: null, lastModified: null } };
      } catch (error) {
        if (error instanceof SourceFetchError) throw error;
        throw refuse((error as NodeJS.ErrnoException).code ?? (error as Error).message, error);
      } finally {
        await handle.close();
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
