import { describe, expect, it } from 'vitest';
import { PublishError } from '../../functions/core/errors';
import type { ObjectStore, ObjectToWrite } from '../../functions/core/ports';
import { publishFiles } from '../../functions/core/publish';
import {
  CACHE_IMMUTABLE,
  CACHE_LATEST,
  type OutputFile,
  type PublishStage,
} from '../../functions/core/render/output-file';

/** An in-memory object store that records every write, and fails the writes `fail` picks. */
function memoryStore(fail: (key: string) => boolean = () => false) {
  const objects = new Map<string, ObjectToWrite>();
  const puts: string[] = [];
  const store: ObjectStore = {
    async put(object) {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      if (fail(object.key)) throw new Error(`injected failure writing ${object.key}`);
      puts.push(object.key);
      objects.set(object.key, object);
    },
    async get(key) {
      const o = objects.get(key);
      if (!o) return null;
      return typeof o.body === 'string' ? new TextEncoder().encode(o.body) : o.body;
    },
    async exists(key) {
      return objects.has(key);
    },
  };
  return { store, objects, puts };
}

const file = (key: string, stage: PublishStage, body = key): OutputFile => ({
  key,
  body,
  contentType: 'application/json',
  cacheControl: stage === 'immutable' ? CACHE_IMMUTABLE : CACHE_LATEST,
  stage,
});

const FILES: OutputFile[] = [
  file('v1/catalog.ttl', 'index'),
  file('v1/projects.json', 'latest'),
  file('v1/snapshots/s1/projects.json', 'immutable'),
  file('v1/projects/a.json', 'detail'),
  file('v1/status.json', 'index'),
  file('v1/projects.csv', 'latest'),
  file('v1/snapshots/s1/projects.csv', 'immutable'),
  file('v1/projects/b.json', 'detail'),
  ...Array.from({ length: 20 }, (_, i) => file(`v1/projects/p${i}.json`, 'detail')),
];
const ORDER: PublishStage[] = ['immutable', 'detail', 'latest', 'index'];
const stageOf = (key: string) => FILES.find((f) => f.key === key)!.stage;

describe('publishFiles: staged, immutable objects never rewritten, the first failure stops the run', () => {
  it('writes every stage only after the one before it has finished', async () => {
    const { store, puts, objects } = memoryStore();
    const result = await publishFiles(store, FILES, { concurrency: 4 });
    expect(result.written).toEqual(FILES.map((f) => f.key).sort());
    const ranks = puts.map((k) => ORDER.indexOf(stageOf(k)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(objects.get('v1/snapshots/s1/projects.json')).toMatchObject({ cacheControl: CACHE_IMMUTABLE });
  });

  it('flushes the store once, after the last write', async () => {
    const { store, puts } = memoryStore();
    const flushedAfter: number[] = [];
    await publishFiles({ ...store, flush: async () => void flushedAfter.push(puts.length) }, FILES, {
      concurrency: 4,
    });
    expect(flushedAfter).toEqual([FILES.length]);
  });

  it('skips an immutable object that already exists and rewrites everything else', async () => {
    const { store, puts } = memoryStore();
    await store.put({
      key: 'v1/snapshots/s1/projects.json',
      body: 'old',
      contentType: 'x',
      cacheControl: 'y',
    });
    puts.length = 0;
    const result = await publishFiles(store, FILES);
    expect(result.skipped).toEqual(['v1/snapshots/s1/projects.json']);
    expect(puts).not.toContain('v1/snapshots/s1/projects.json');
    expect(new TextDecoder().decode((await store.get('v1/snapshots/s1/projects.json'))!)).toBe('old');
    expect(puts).toContain('v1/projects.json');
  });

  for (const failing of ORDER) {
    it(`a failure in the ${failing} stage writes nothing of a later stage and names the key`, async () => {
      const victim = FILES.find((f) => f.stage === failing)!.key;
      const { store, puts } = memoryStore((k) => k === victim);
      const error = await publishFiles(store, FILES, { concurrency: 4 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).key).toBe(victim);
      expect((error as Error).cause).toBeInstanceOf(Error);
      const rank = ORDER.indexOf(failing);
      for (const f of FILES) {
        const r = ORDER.indexOf(f.stage);
        if (r < rank) expect(puts, f.key).toContain(f.key);
        if (r > rank) expect(puts, f.key).not.toContain(f.key);
      }
      expect(puts).not.toContain(victim);
    });
  }

  it('writes the per-project batches in the detail stage, asking for each batch only after the one before is written', async () => {
    const { store, puts } = memoryStore();
    const asked: number[] = [];
    function* batches() {
      for (let b = 0; b < 3; b++) {
        asked.push(puts.length);
        yield Array.from({ length: 5 }, (_, i) => file(`v1/projects/batch${b}-${i}.json`, 'detail'));
      }
    }
    const result = await publishFiles(store, FILES, { detail: batches(), concurrency: 4 });
    const bounded = FILES.filter((f) => f.stage === 'immutable' || f.stage === 'detail').length;
    // Each batch is rendered once the previous one is all written: never two in memory.
    expect(asked).toEqual([bounded, bounded + 5, bounded + 10]);
    const streamed = puts.filter((k) => k.includes('batch'));
    expect(puts.slice(bounded, bounded + 15)).toEqual(streamed);
    expect(new Set(puts.slice(bounded + 15).map(stageOf))).toEqual(new Set(['latest', 'index']));
    expect(result.written).toHaveLength(FILES.length + 15);
  });

  it('stops at the first failed per-project write: no later batch is rendered and no latest file is written', async () => {
    const { store, puts } = memoryStore((k) => k === 'v1/projects/batch0-2.json');
    let batchesAsked = 0;
    function* batches() {
      for (let b = 0; b < 3; b++) {
        batchesAsked++;
        yield Array.from({ length: 5 }, (_, i) => file(`v1/projects/batch${b}-${i}.json`, 'detail'));
      }
    }
    const error = await publishFiles(store, FILES, { detail: batches() }).catch((e: unknown) => e);
    expect((error as PublishError).key).toBe('v1/projects/batch0-2.json');
    expect(batchesAsked).toBe(1);
    const laterStages = FILES.filter((f) => f.stage === 'latest' || f.stage === 'index').map((f) => f.key);
    expect(puts.filter((k) => laterStages.includes(k))).toEqual([]);
  });
});
