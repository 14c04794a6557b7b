import { createHash } from 'node:crypto';
import { digestOf } from '../model/digest';
import type { OutputFile } from '../render/output-file';

/**
 * The SHA-256 of a publication's manifest: its files' `key<TAB>sha256` lines and the lines of its
 * per-project files (named by what they are rendered from, see render-state.ts), sorted. The state
 * keeps it with the pending publication, so the run that finishes the publication can tell that it
 * rendered the files the commit described.
 */
export function manifestSha256(
  files: readonly Pick<OutputFile, 'key' | 'body'>[],
  detailLines: readonly string[] = [],
): string {
  const lines = [...files.map((f) => `${f.key}\t${digestOf(f.body).sha256}`), ...detailLines].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
