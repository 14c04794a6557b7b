import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Each file under a directory with what changes when it is written: inode (rename), mtime, size. */
export type TreeStamp = ReadonlyMap<string, string>;

export async function stampTree(root: string): Promise<TreeStamp> {
  const stamps = new Map<string, string>();
  let entries: Dirent[];
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch {
    return stamps;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path, { bigint: true });
    stamps.set(path.slice(root.length + 1), `${info.ino}:${info.mtimeNs}:${info.size}`);
  }
  return stamps;
}

/** The files (relative paths, sorted) that are new or were rewritten between two stamps. */
export function writtenBetween(before: TreeStamp, after: TreeStamp): string[] {
  return [...after]
    .filter(([path, stamp]) => before.get(path) !== stamp)
    .map(([path]) => path)
    .sort();
}
