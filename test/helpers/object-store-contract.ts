import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../functions/core/ports';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT = 'public, max-age=300';
export const CSV = 'text/csv; charset=utf-8';
export const JSON_TYPE = 'application/json';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Compares as plain byte arrays, whatever Uint8Array subclass each side is. */
export const bytes = (value: Uint8Array | null): number[] | null =>
  value === null ? null : Array.from(value);

export interface OpenedStore {
  readonly store: ObjectStore;
  /** The headers the store keeps for `key` (after flush where it has one), as a reader would get them. */
  headersOf(key: string): Promise<{ contentType: string; cacheControl: string } | null>;
  close(): Promise<void>;
}

/**
 * What every object store (the directory, S3) does alike, run against each: the pipeline writes
 * through the port and must not care which one it has. Each test gets a store from `open`.
 */
export function describeObjectStore(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name}: the object store port`, () => {
    let opened: OpenedStore;
    let store: ObjectStore;
    const flush = async () => store.flush?.();

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('round-trips a UTF-8 string body with a BOM and Finnish text byte for byte', async () => {
      const text = '\uFEFFid;nimi\r\nAMIF/2021/7;Päätöstoimenpiteen täytäntöönpano – ÅÄÖ åäö\r\n';
      const key = 'v1/snapshots/2026-11-22T040000Z/projects.csv';
      await store.put({ key, body: text, contentType: CSV, cacheControl: IMMUTABLE });

      const read = await store.get(key);
      expect(bytes(read)).toEqual(bytes(utf8(text)));
      expect(bytes(read?.slice(0, 3) ?? null)).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(read!)).toBe(text);
    });

    it('round-trips a binary body that is not valid UTF-8', async () => {
      const body = new Uint8Array(512);
      for (let i = 0; i < body.length; i++) body[i] = (i * 37 + 11) % 256;
      body.set([0xff, 0xfe, 0xc3, 0x28, 0x00, 0x80], 0);
      await store.put({
        key: 'bin/blob.bin',
        body,
        contentType: 'application/octet-stream',
        cacheControl: SHORT,
      });

      expect(bytes(await store.get('bin/blob.bin'))).toEqual(bytes(body));
    });

    it('writes only the viewed bytes of a Uint8Array view into a larger buffer', async () => {
      const backing = utf8('xxxxPäätöstoimenpiteenyyyy');
      const view = backing.subarray(4, backing.length - 4);
      await store.put({ key: 'bin/view.txt', body: view, contentType: 'text/plain', cacheControl: SHORT });

      expect(bytes(await store.get('bin/view.txt'))).toEqual(bytes(utf8('Päätöstoimenpiteen')));
    });

    it('round-trips an empty body', async () => {
      await store.put({ key: 'empty.txt', body: '', contentType: 'text/plain', cacheControl: SHORT });
      expect(await store.exists('empty.txt')).toBe(true);
      expect(bytes(await store.get('empty.txt'))).toEqual([]);
    });

    it('keeps each object’s Content-Type and Cache-Control', async () => {
      const key = 'v1/snapshots/2026-11-22T040000Z/projects.json';
      await store.put({ key, body: '{}', contentType: JSON_TYPE, cacheControl: IMMUTABLE });
      await store.put({ key: 'v1/projects.csv', body: 'a;b\r\n', contentType: CSV, cacheControl: SHORT });
      await flush();

      expect(await opened.headersOf(key)).toEqual({ contentType: JSON_TYPE, cacheControl: IMMUTABLE });
      expect(await opened.headersOf('v1/projects.csv')).toEqual({ contentType: CSV, cacheControl: SHORT });
      expect(await opened.headersOf('v1/missing.csv')).toBeNull();
    });

    it('overwrites an existing key, body and headers', async () => {
      await store.put({
        key: 'latest.json',
        body: '{"v":1}',
        contentType: JSON_TYPE,
        cacheControl: IMMUTABLE,
      });
      await store.put({ key: 'latest.json', body: '{"v":2}', contentType: JSON_TYPE, cacheControl: SHORT });
      await flush();

      expect(bytes(await store.get('latest.json'))).toEqual(bytes(utf8('{"v":2}')));
      expect(await opened.headersOf('latest.json')).toEqual({ contentType: JSON_TYPE, cacheControl: SHORT });
    });

    it('reports existence and returns null for missing keys; a key prefix is not an object', async () => {
      await store.put({ key: 'v1/here.json', body: '{}', contentType: JSON_TYPE, cacheControl: SHORT });

      expect(await store.exists('v1/here.json')).toBe(true);
      expect(await store.exists('v1/missing.json')).toBe(false);
      expect(await store.exists('v1')).toBe(false);
      expect(await store.exists('v1/here.json/below')).toBe(false);
      expect(await store.get('v1/missing.json')).toBeNull();
      expect(await store.get('v1')).toBeNull();
      expect(await store.get('nowhere/at/all.json')).toBeNull();
    });
  });
}
