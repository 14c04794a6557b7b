import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDirectoryObjectStore,
  type DirectoryObjectStore,
  listObjects,
  readObjectMeta,
} from '../../functions/adapters/dir-objects';
import { PublishError } from '../../functions/core/errors';
import {
  bytes,
  CSV,
  describeObjectStore,
  IMMUTABLE,
  JSON_TYPE,
  SHORT,
  utf8,
} from '../helpers/object-store-contract';

describeObjectStore('Directory', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'amif-feed-dir-'));
  const root = join(parent, 'out');
  return {
    store: createDirectoryObjectStore(root),
    headersOf: (key) => readObjectMeta(root, key),
    close: () => rm(parent, { recursive: true, force: true }),
  };
});

/** Every file under `dir`, relative, with `/` separators, sorted. */
async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

describe('Adapter: directory objects', () => {
  let parent: string;
  let root: string;
  let store: DirectoryObjectStore;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'amif-feed-dir-'));
    root = join(parent, 'out');
    store = createDirectoryObjectStore(root);
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('round-trips string and binary bodies byte for byte, creating directories as needed', async () => {
    const text = '\uFEFFid;nimi\r\n1;Päätöstoimenpiteen\r\n';
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x0a]);
    const key = 'v1/snapshots/2026-11-22T040000Z/projects.csv';
    await store.put({ key, body: text, contentType: CSV, cacheControl: IMMUTABLE });
    await store.put({
      key: 'bin/blob.bin',
      body: binary,
      contentType: 'application/octet-stream',
      cacheControl: SHORT,
    });

    expect(bytes(await store.get(key))).toEqual(bytes(utf8(text)));
    expect(bytes(await store.get('bin/blob.bin'))).toEqual(bytes(binary));
    expect(
      bytes(
        new Uint8Array(await readFile(join(root, 'v1', 'snapshots', '2026-11-22T040000Z', 'projects.csv'))),
      ),
    ).toEqual(bytes(utf8(text)));
  });

  it('keeps Content-Type and Cache-Control in one manifest, written by flush()', async () => {
    const key = 'v1/snapshots/2026-11-22T040000Z/projects.json';
    await store.put({ key, body: '{}', contentType: JSON_TYPE, cacheControl: IMMUTABLE });
    await store.put({ key: 'v1/projects.csv', body: 'a;b\r\n', contentType: CSV, cacheControl: SHORT });
    await store.flush();

    const manifest = JSON.parse(await readFile(join(root, '.meta', 'manifest.v1'), 'utf8'));
    expect(manifest).toEqual({
      format: 1,
      objects: {
        'v1/projects.csv': { contentType: CSV, cacheControl: SHORT },
        [key]: { contentType: JSON_TYPE, cacheControl: IMMUTABLE },
      },
    });
    expect(Object.keys(manifest.objects)).toEqual(['v1/projects.csv', key]); // sorted: same bytes every run
    expect(await readObjectMeta(root, key)).toEqual({ contentType: JSON_TYPE, cacheControl: IMMUTABLE });
    expect(await readObjectMeta(root, 'v1/projects.csv')).toEqual({ contentType: CSV, cacheControl: SHORT });
    expect(await readObjectMeta(root, 'v1/missing.csv')).toBeNull();
    expect(await allFiles(root)).toEqual(['.meta/manifest.v1', key, 'v1/projects.csv'].sort());
  });

  it('writes no manifest before flush()', async () => {
    await store.put({ key: 'a.json', body: '{}', contentType: JSON_TYPE, cacheControl: SHORT });
    expect(await readObjectMeta(root, 'a.json')).toBeNull();
    expect(await allFiles(root)).toEqual(['a.json']);
  });

  it('leaves the manifest alone when a rewrite keeps the headers, and a new store keeps the old entries', async () => {
    await store.put({ key: 'v1/status.json', body: '{"n":1}', contentType: JSON_TYPE, cacheControl: SHORT });
    await store.put({ key: 'index.html', body: '<p>', contentType: 'text/html', cacheControl: SHORT });
    await store.flush();
    const before = await stat(join(root, '.meta', 'manifest.v1'), { bigint: true });

    const next = createDirectoryObjectStore(root);
    await next.put({ key: 'v1/status.json', body: '{"n":2}', contentType: JSON_TYPE, cacheControl: SHORT });
    await next.flush();
    const after = await stat(join(root, '.meta', 'manifest.v1'), { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);

    await next.put({
      key: 'v1/status.json',
      body: '{"n":3}',
      contentType: JSON_TYPE,
      cacheControl: IMMUTABLE,
    });
    await next.flush();
    expect(await readObjectMeta(root, 'v1/status.json')).toEqual({
      contentType: JSON_TYPE,
      cacheControl: IMMUTABLE,
    });
    expect(await readObjectMeta(root, 'index.html')).toEqual({
      contentType: 'text/html',
      cacheControl: SHORT,
    });
  });

  it('still reads the per-object sidecars of earlier versions for keys the manifest lacks', async () => {
    await mkdir(join(root, '.meta', 'v1'), { recursive: true });
    await writeFile(join(root, 'old.json'), '{}');
    await writeFile(
      join(root, '.meta', 'old.json.json'),
      JSON.stringify({ contentType: CSV, cacheControl: IMMUTABLE }),
    );
    expect(await readObjectMeta(root, 'old.json')).toEqual({ contentType: CSV, cacheControl: IMMUTABLE });
    await store.put({ key: 'old.json', body: '{}', contentType: JSON_TYPE, cacheControl: SHORT });
    await store.flush();
    expect(await readObjectMeta(root, 'old.json')).toEqual({ contentType: JSON_TYPE, cacheControl: SHORT });
  });

  it('treats a damaged manifest or sidecar as missing headers, and rewrites the manifest whole', async () => {
    await mkdir(join(root, '.meta'), { recursive: true });
    await writeFile(join(root, '.meta', 'manifest.v1'), '{"format": 1, "objects": {"a.json": ');
    await writeFile(join(root, '.meta', 'b.json.json'), '{"contentType": "text/plain"}');
    expect(await readObjectMeta(root, 'a.json')).toBeNull();
    expect(await readObjectMeta(root, 'b.json')).toBeNull();
    await store.put({ key: 'a.json', body: '{}', contentType: JSON_TYPE, cacheControl: SHORT });
    await store.flush();
    expect(await readObjectMeta(root, 'a.json')).toEqual({ contentType: JSON_TYPE, cacheControl: SHORT });
  });

  it('writes many objects at once through a bounded pool, each one whole', async () => {
    const bounded = createDirectoryObjectStore(root, { concurrency: 3 });
    const keys = Array.from({ length: 300 }, (_, i) => `projects/p${i % 7}/${i}.html`);
    await Promise.all(
      keys.map((key) =>
        bounded.put({ key, body: key.repeat(50), contentType: 'text/html', cacheControl: SHORT }),
      ),
    );
    await bounded.flush();
    expect(await listObjects(root)).toEqual([...keys].sort());
    for (const key of [keys[0]!, keys[299]!])
      expect(new TextDecoder().decode((await bounded.get(key))!)).toBe(key.repeat(50));
    const manifest = JSON.parse(await readFile(join(root, '.meta', 'manifest.v1'), 'utf8'));
    expect(Object.keys(manifest.objects)).toHaveLength(300);
  });

  it('writes atomically: concurrent readers see a whole old or new file, and no temp files remain', async () => {
    const a = new Uint8Array(1 << 20).fill(0x61);
    const b = new Uint8Array((1 << 20) + 4096).fill(0x62);
    await store.put({
      key: 'big/file.bin',
      body: a,
      contentType: 'application/octet-stream',
      cacheControl: SHORT,
    });

    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) {
        const read = await store.get('big/file.bin');
        expect(read).not.toBeNull();
        const length = read!.byteLength;
        expect(length === a.byteLength || length === b.byteLength).toBe(true);
        expect(read![0]).toBe(read![length - 1]);
        seen.add(length);
      }
    })();
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      const body = i % 2 === 0 ? b : a;
      writes.push(
        store.put({
          key: 'big/file.bin',
          body,
          contentType: 'application/octet-stream',
          cacheControl: SHORT,
        }),
      );
    }
    await Promise.all(writes);
    writing = false;
    await reader;

    expect(seen.size).toBeGreaterThan(0);
    await store.flush();
    expect(await allFiles(root)).toEqual(['.meta/manifest.v1', 'big/file.bin']);
  });

  it('cleans up its temp file when the final rename fails', async () => {
    await store.put({ key: 'dir/inner.json', body: '{}', contentType: JSON_TYPE, cacheControl: SHORT });

    // `dir` is a directory, so renaming a file over it fails.
    const error = await store
      .put({ key: 'dir', body: 'x', contentType: 'text/plain', cacheControl: SHORT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).key).toBe('dir');
    expect((error as PublishError).cause).toBeDefined();
    expect((await allFiles(root)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(bytes(await store.get('dir/inner.json'))).toEqual(bytes(utf8('{}')));
  });

  it.each([
    ['/etc/passwd'],
    ['../escape.json'],
    ['v1/../../escape.json'],
    ['v1/..'],
    ['./projects.json'],
    ['v1\\projects.json'],
    ['v1//projects.json'],
    ['v1/'],
    [''],
    ['C:/projects.json'],
    ['.meta/projects.json.json'],
    ['nul\0byte.json'],
  ])('refuses the unsafe key %j with a PublishError naming it', async (key) => {
    const error = await store
      .put({ key, body: 'x', contentType: 'text/plain', cacheControl: SHORT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).key).toBe(key);
    expect((error as PublishError).message).toContain(key);
    expect(String((error as PublishError).cause)).toContain('unsafe object key');

    await expect(store.get(key)).rejects.toBeInstanceOf(PublishError);
    await expect(store.exists(key)).rejects.toBeInstanceOf(PublishError);
    await expect(readObjectMeta(root, key)).rejects.toBeInstanceOf(PublishError);
    // Nothing was written anywhere, inside the root or beside it.
    expect(await readdir(parent)).toEqual([]);
  });

  it('lists all keys sorted, leaving out the sidecars', async () => {
    for (const key of [
      'v1/projects.json',
      'index.html',
      'v1/snapshots/2026-11-22T040000Z/projects.csv',
      'feed.xml',
    ]) {
      await store.put({ key, body: key, contentType: 'text/plain', cacheControl: SHORT });
    }

    expect(await listObjects(root)).toEqual([
      'feed.xml',
      'index.html',
      'v1/projects.json',
      'v1/snapshots/2026-11-22T040000Z/projects.csv',
    ]);
  });

  it('lists a key whose name merely looks like the sidecar directory deeper down', async () => {
    await store.put({ key: 'v1/.meta', body: 'x', contentType: 'text/plain', cacheControl: SHORT });
    expect(await listObjects(root)).toEqual(['v1/.meta']);
  });

  it('lists nothing for an empty or missing root', async () => {
    expect(await listObjects(root)).toEqual([]);
    await mkdir(root);
    expect(await listObjects(root)).toEqual([]);
  });
});
