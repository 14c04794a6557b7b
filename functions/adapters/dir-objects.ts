import { randomBytes } from 'node:crypto';
import { type Dirent, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PublishError } from '../core/errors';
import type { ObjectStore, ObjectToWrite } from '../core/ports';
import { concurrencyLimit } from '../core/worker-pool';
import { ObjectStoreError } from './object-store-errors';

/**
 * The local object store: each key is a file under `root` (`out/` by default). The headers that
 * production sets on S3 are kept in one manifest, `<root>/.meta/manifest.v1`, so the local server
 * can serve the same Content-Type and Cache-Control. One manifest instead of a sidecar per object
 * halves the files a run writes. It is rewritten atomically (temp file and rename) by `flush()`,
 * which publishing calls once its writes are done, and only when an entry changed, so a run that
 * rewrites only status.json with the same headers leaves it alone. An object written by a run
 * that died before its flush is served with the type its extension implies until it is written again.
 */

/** The reserved directory under the root; no key may start with it. */
const META_DIR = '.meta';
/**
 * The manifest's name inside META_DIR. Earlier versions kept a sidecar `<key>.json` per object
 * there; those are still read for keys the manifest does not know, and none of them can be named
 * like this (they all end in `.json`).
 */
const MANIFEST_NAME = 'manifest.v1';
const MANIFEST_FORMAT = 1;
/** Files written at once: enough to keep the disk busy, few enough to stay far from the fd limit. */
const DEFAULT_CONCURRENCY = 16;
/** Synchronous writes between two turns of the event loop. */
const YIELD_EVERY = 64;
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

/** Where earlier versions kept an object's headers (read only, for keys the manifest lacks). */
function legacySidecarPath(root: string, key: string): string {
  return `${join(root, META_DIR, ...key.split('/'))}.json`;
}

function manifestPath(root: string): string {
  return join(root, META_DIR, MANIFEST_NAME);
}

function isErrnoException(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}

/**
 * A recursive mkdir on a read-only file system fails with ENOENT, hiding the reason. Creating the
 * first missing directory alone names it (EROFS, EACCES, ENOSPC), with its path.
 */
async function trueMkdirError(dir: string, err: unknown): Promise<never> {
  if (!isErrnoException(err) || err.code !== 'ENOENT') throw err;
  let missing = dir;
  while (
    dirname(missing) !== missing &&
    !(await stat(dirname(missing)).then(
      () => true,
      () => false,
    ))
  ) {
    missing = dirname(missing);
  }
  await mkdir(missing); // throws the real reason; should it succeed, the original error stands
  throw err;
}

/** Missing file, or a path that runs through or ends at something that is not a file. */
function isMissing(err: unknown): boolean {
  return isErrnoException(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR');
}

/**
 * Writes through a temporary file and a rename, so a reader sees the old file or the new one,
 * never half of one; `ensureDir` creates the directory. Synchronously: a publication is thousands of small files, and each async
 * call is several trips through libuv's threadpool (open, write, close, rename), which cost a
 * first run of 20 000 projects half a minute; the event loop is given back between files (see put).
 */
async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  ensureDir: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const base = path.slice(dir.length + 1);
  const temp = join(dir, `.${base}.${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  try {
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

interface ManifestFile {
  readonly format: number;
  readonly objects: Record<string, ObjectMeta>;
}

function isObjectMeta(value: unknown): value is ObjectMeta {
  if (typeof value !== 'object' || value === null) return false;
  const { contentType, cacheControl } = value as Record<string, unknown>;
  return typeof contentType === 'string' && typeof cacheControl === 'string';
}

/** The manifest's entries; an empty map when it is missing or damaged (headers then fall back). */
async function readManifest(root: string): Promise<Map<string, ObjectMeta>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(manifestPath(root), 'utf8'));
  } catch (err) {
    if (isMissing(err) || err instanceof SyntaxError) return new Map();
    throw err;
  }
  const objects = (parsed as Partial<ManifestFile> | null)?.objects;
  if (typeof objects !== 'object' || objects === null) return new Map();
  return new Map(
    Object.entries(objects).filter((entry): entry is [string, ObjectMeta] => isObjectMeta(entry[1])),
  );
}

function manifestText(entries: ReadonlyMap<string, ObjectMeta>): string {
  const objects: Record<string, ObjectMeta> = {};
  for (const key of [...entries.keys()].sort()) objects[key] = entries.get(key)!;
  return `${JSON.stringify({ format: MANIFEST_FORMAT, objects } satisfies ManifestFile)}\n`;
}

export interface DirectoryObjectStore extends ObjectStore {
  /** Writes the manifest if an entry changed since it was last written. */
  flush(): Promise<void>;
}

export interface DirectoryObjectStoreOptions {
  /** Files written at once, however many puts are in flight. */
  readonly concurrency?: number;
}

export function createDirectoryObjectStore(
  root: string,
  options: DirectoryObjectStoreOptions = {},
): DirectoryObjectStore {
  return new DirectoryStore(root, options);
}

/**
 * One file per key under a directory, with the headers in a manifest. The operations are own
 * properties (arrow functions), so a caller may spread the store to wrap one (the progress line does).
 */
export class DirectoryStore implements DirectoryObjectStore {
  private readonly base: string;
  private readonly limit: <T>(work: () => Promise<T>) => Promise<T>;
  /** Each directory made (or being made) once per store: mkdir is most of the cost of a small file. */
  private readonly madeDirs = new Map<string, Promise<void>>();
  /** Puts so far, to give the event loop back every YIELD_EVERY of them. */
  private puts = 0;
  /** The manifest's entries, read at the first put. */
  private manifest: Promise<Map<string, ObjectMeta>> | null = null;
  /** Whether an entry changed since the manifest was last written. */
  private dirty = false;
  /** The last manifest write: each waits for the one before. */
  private writing: Promise<void> = Promise.resolve();

  constructor(root: string, options: DirectoryObjectStoreOptions = {}) {
    this.base = resolve(root);
    this.limit = concurrencyLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
  }

  readonly put = async (object: ObjectToWrite): Promise<void> => {
    assertSafeKey(object.key);
    try {
      await this.limit(() => writeFileAtomic(objectPath(this.base, object.key), object.body, this.ensureDir));
      // Timers (the progress line, the lease clock) get their turn between synchronous writes.
      if (++this.puts % YIELD_EVERY === 0) await new Promise((done) => setImmediate(done));
      await this.record(object.key, { contentType: object.contentType, cacheControl: object.cacheControl });
    } catch (err) {
      throw new PublishError(object.key, { cause: err });
    }
  };

  readonly get = async (key: string): Promise<Uint8Array | null> => {
    assertSafeKey(key);
    try {
      return toUint8Array(await readFile(objectPath(this.base, key)));
    } catch (err) {
      if (isMissing(err)) return null;
      throw new ObjectStoreError(`could not read ${key}: ${(err as Error).message}`, { cause: err });
    }
  };

  readonly exists = async (key: string): Promise<boolean> => {
    assertSafeKey(key);
    try {
      return (await stat(objectPath(this.base, key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw new ObjectStoreError(`could not check ${key}: ${(err as Error).message}`, { cause: err });
    }
  };

  /** Writes the manifest if an entry changed; an earlier failure is reported by the flush that saw it. */
  readonly flush = (): Promise<void> => {
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty || !this.manifest) return;
        this.dirty = false;
        const text = manifestText(await this.manifest);
        try {
          await writeFileAtomic(manifestPath(this.base), text, this.ensureDir);
        } catch (err) {
          this.dirty = true;
          throw new PublishError(`${META_DIR}/${MANIFEST_NAME}`, { cause: err });
        }
      });
    return this.writing;
  };

  private readonly ensureDir = (dir: string): Promise<void> => {
    let made = this.madeDirs.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true }).then(
        () => undefined,
        (err: unknown) => trueMkdirError(dir, err),
      );
      // A failed mkdir is retried by the next write rather than remembered.
      made.catch(() => this.madeDirs.delete(dir));
      this.madeDirs.set(dir, made);
    }
    return made;
  };

  private async record(key: string, meta: ObjectMeta): Promise<void> {
    this.manifest ??= readManifest(this.base);
    const entries = await this.manifest;
    const known = entries.get(key);
    if (known?.contentType === meta.contentType && known.cacheControl === meta.cacheControl) return;
    entries.set(key, meta);
    this.dirty = true;
  }
}

/** The manifest as last read by readObjectMeta, with the file's identity it was read from. */
let manifestCache: { path: string; stamp: string; entries: Map<string, ObjectMeta> } | null = null;

async function currentManifest(root: string): Promise<Map<string, ObjectMeta>> {
  const path = manifestPath(root);
  const info = await stat(path, { bigint: true }).catch((err: unknown) => {
    if (isMissing(err)) return null;
    throw err;
  });
  if (info === null) return new Map();
  // A rename gives a new inode, so this changes with every write of the manifest.
  const stamp = `${info.ino}:${info.mtimeNs}:${info.size}`;
  if (manifestCache?.path !== path || manifestCache.stamp !== stamp) {
    manifestCache = { path, stamp, entries: await readManifest(root) };
  }
  return manifestCache.entries;
}

/** The headers stored with `key`, or null when neither the manifest nor an old sidecar has them. */
export async function readObjectMeta(root: string, key: string): Promise<ObjectMeta | null> {
  assertSafeKey(key);
  const base = resolve(root);
  const fromManifest = (await currentManifest(base)).get(key);
  if (fromManifest) return fromManifest;
  let text: string;
  try {
    text = await readFile(legacySidecarPath(base, key), 'utf8');
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
  return isObjectMeta(parsed) ? { contentType: parsed.contentType, cacheControl: parsed.cacheControl } : null;
}

/** Every key under `root`, sorted, leaving out the manifest (and old sidecars) and any temporary files. */
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
