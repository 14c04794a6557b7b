import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PublishError } from '../core/errors';
import type { ObjectStore, ObjectToWrite } from '../core/ports';

/**
 * The local object store: each key is a file under `root` (`out/` by default). The headers that
 * production sets on S3 are kept in a sidecar at `<root>/.meta/<key>.json`, so the local server
 * can serve the same Content-Type and Cache-Control.
 */

/** The sidecar directory under the root; no key may start with it. */
const META_DIR = '.meta';
/** Temporary files are written next to their target and renamed over it. */
const TEMP_SUFFIX = '.tmp';
const TEMP_PATTERN = /^\..+\.[0-9a-f]{16}\.tmp$/;

export interface ObjectMeta {
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * Why a key is unsafe, or null when it is a plain relative path: `/`-separated, no empty, `.` or
 * `..` segments, no backslashes or NULs, not absolute, and not inside the sidecar directory.
 */
export function unsafeKeyReason(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'key is empty';
  if (key.startsWith('/')) return 'key is absolute';
  if (/^[A-Za-z]:/.test(key)) return 'key starts with a drive letter';
  if (key.includes('\\')) return 'key contains a backslash';
  if (key.includes('\0')) return 'key contains a NUL character';
  const segments = key.split('/');
  if (segments.some((s) => s === '')) return 'key has an empty path segment';
  if (segments.some((s) => s === '..')) return 'key contains ".."';
  if (segments.some((s) => s === '.')) return 'key contains "."';
  if (segments[0] === META_DIR) return `key is inside the reserved ${META_DIR}/ directory`;
  return null;
}

/** Throws PublishError naming the key when the key is not a safe relative path. */
export function assertSafeKey(key: string): void {
  const reason = unsafeKeyReason(key);
  if (reason !== null) {
    throw new PublishError(key, {
      cause: new Error(`refused unsafe object key ${JSON.stringify(key)}: ${reason}`),
    });
  }
}

function objectPath(root: string, key: string): string {
  return join(root, ...key.split('/'));
}

function metaPath(root: string, key: string): string {
  return `${join(root, META_DIR, ...key.split('/'))}.json`;
}

function isErrnoException(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}

/** Missing file, or a path that runs through or ends at something that is not a file. */
function isMissing(err: unknown): boolean {
  return isErrnoException(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR');
}

/** Writes `data` to `path` so that readers see the old file or the whole new one, never a part. */
async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const base = path.slice(dir.length + 1);
  const temp = join(dir, `.${base}.${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function createDirectoryObjectStore(root: string): ObjectStore {
  const base = resolve(root);
  return {
    async put(object: ObjectToWrite): Promise<void> {
      assertSafeKey(object.key);
      const meta: ObjectMeta = { contentType: object.contentType, cacheControl: object.cacheControl };
      try {
        // The sidecar first: by the time the body appears, its headers are there to serve it with.
        await writeFileAtomic(metaPath(base, object.key), `${JSON.stringify(meta)}\n`);
        await writeFileAtomic(objectPath(base, object.key), object.body);
      } catch (err) {
        throw new PublishError(object.key, { cause: err });
      }
    },

    async get(key: string): Promise<Uint8Array | null> {
      assertSafeKey(key);
      try {
        return toUint8Array(await readFile(objectPath(base, key)));
      } catch (err) {
        if (isMissing(err)) return null;
        throw new Error(`could not read ${key}: ${(err as Error).message}`, { cause: err });
      }
    },

    async exists(key: string): Promise<boolean> {
      assertSafeKey(key);
      try {
        return (await stat(objectPath(base, key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw new Error(`could not check ${key}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}

/** The headers stored with `key`, or null when the object or its sidecar is missing or unreadable. */
export async function readObjectMeta(root: string, key: string): Promise<ObjectMeta | null> {
  assertSafeKey(key);
  let text: string;
  try {
    text = await readFile(metaPath(resolve(root), key), 'utf8');
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { contentType, cacheControl } = parsed as Record<string, unknown>;
  if (typeof contentType !== 'string' || typeof cacheControl !== 'string') return null;
  return { contentType, cacheControl };
}

/** Every key under `root`, sorted, leaving out the sidecars and any temporary files. */
export async function listObjects(root: string): Promise<string[]> {
  const keys: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const entry of entries) {
      if (prefix === '' && entry.name === META_DIR) continue;
      const key = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        await walk(join(dir, entry.name), `${key}/`);
      } else if (entry.isFile() && !TEMP_PATTERN.test(entry.name)) {
        keys.push(key);
      }
    }
  };
  await walk(resolve(root), '');
  return keys.sort();
}
