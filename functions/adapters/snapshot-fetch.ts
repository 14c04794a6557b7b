import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceFetchError } from '../core/errors';
import type { FetchResult, PageFetcher, SourceDescriptor } from '../core/ports';
import { decodeHtml } from './decode-html';

/**
 * Reads each source from `<dir>/<source-id>.html` instead of the network. A missing file means
 * the source is skipped (with a warning), never that its projects were removed. A file has no
 * Content-Type header, so it is decoded by its byte order mark or `<meta charset>`, else as UTF-8,
 * as a saved page opens in a browser.
 */
export function createSnapshotFetcher(dir: string): PageFetcher {
  return {
    async fetch(source: SourceDescriptor): Promise<FetchResult> {
      const path = join(dir, `${source.id}.html`);
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
