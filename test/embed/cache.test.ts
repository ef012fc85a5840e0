import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedEmbedder, LruVectorCache, cacheKey, createTransformersEmbedder, type Embedder, type EmbedKind, type VectorCache } from '../../src/embed/index.js';
import { buildTinyModel } from './tiny-model.js';

let tmp: string;
let real: Embedder;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-embed-cache-'));
  const tiny = buildTinyModel(tmp);
  real = await createTransformersEmbedder({ modelsDir: tiny.modelsDir, model: tiny.model });
});

afterAll(async () => {
  await real?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The real backend, with a record of every batch that reached it. */
function recording(inner: Embedder): { embedder: Embedder; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    embedder: {
      id: inner.id,
      dimension: inner.dimension,
      embed: (texts: readonly string[], kind?: EmbedKind) => {
        calls.push([...texts]);
        return inner.embed(texts, kind);
      },
      close: async () => undefined,
    },
  };
}

describe('cacheKey', () => {
  it('is a sha256 hex digest that depends on model, kind and text', () => {
    const k = cacheKey('m', 'passage', 'python developer');
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('m', 'passage', 'python developer')).toBe(k);
    expect(cacheKey('m2', 'passage', 'python developer')).not.toBe(k);
    expect(cacheKey('m', 'query', 'python developer')).not.toBe(k);
    expect(cacheKey('m', 'passage', 'python developer ')).not.toBe(k);
    expect(cacheKey('ab', 'query', 'c')).not.toBe(cacheKey('a', 'query', 'bc'));
  });
});

describe('CachedEmbedder over a real backend', () => {
  it('embeds each distinct text once and returns the backend vectors in order', async () => {
    const { embedder, calls } = recording(real);
    const cached = new CachedEmbedder(embedder, new LruVectorCache(100));
    const texts = ['python developer', 'nurse', 'python developer', 'java engineer'];
    const vs = await cached.embed(texts);
    expect(calls).toEqual([['nurse', 'java engineer', 'python developer']]); // distinct misses, shortest first
    const direct = await real.embed(texts);
    vs.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(direct[i] as Float32Array)));
    expect(cached.id).toBe(real.id);
    expect(cached.dimension).toBe(real.dimension);
  });

  it('serves repeats from the cache and only embeds new texts', async () => {
    const { embedder, calls } = recording(real);
    const cached = new CachedEmbedder(embedder, new LruVectorCache(100));
    await cached.embed(['python developer', 'nurse']);
    const second = await cached.embed(['nurse', 'data analyst', 'python developer']);
    expect(calls).toEqual([['nurse', 'python developer'], ['data analyst']]);
    expect(cached.stats).toEqual({ hits: 2, misses: 3 });
    const [direct] = await real.embed(['data analyst']);
    expect(Array.from(second[1] as Float32Array)).toEqual(Array.from(direct as Float32Array));
  });

  it('keys by kind: a query is not served a passage vector', async () => {
    const { embedder, calls } = recording(real);
    const cached = new CachedEmbedder(embedder, new LruVectorCache(100));
    await cached.embed(['java engineer'], 'passage');
    await cached.embed(['java engineer'], 'query');
    await cached.embed(['java engineer'], 'query');
    expect(calls).toHaveLength(2);
  });

  it('sends misses to the backend in batches of batchSize', async () => {
    const { embedder, calls } = recording(real);
    const cached = new CachedEmbedder(embedder, new LruVectorCache(100), 2);
    await cached.embed(['a python', 'b java', 'c nurse', 'd data', 'e care']);
    expect(calls.map((c) => c.length)).toEqual([2, 2, 1]);
  });

  it('shares one cache between embedder instances (e.g. after a restart)', async () => {
    const cache = new LruVectorCache(100);
    const first = recording(real);
    await new CachedEmbedder(first.embedder, cache).embed(['warehouse logistics']);
    const second = recording(real);
    await new CachedEmbedder(second.embedder, cache).embed(['warehouse logistics']);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(0);
  });

  it('works with an asynchronous cache and keeps results safe to mutate', async () => {
    const store = new Map<string, Float32Array>();
    const asyncCache: VectorCache = {
      get: async (keys) => new Map(keys.filter((k) => store.has(k)).map((k) => [k, (store.get(k) as Float32Array).slice()])),
      set: async (entries) => {
        for (const [k, v] of entries) store.set(k, v.slice());
      },
    };
    const { embedder, calls } = recording(real);
    const cached = new CachedEmbedder(embedder, asyncCache);
    const [a, b] = await cached.embed(['forklift', 'forklift']);
    expect(a).not.toBe(b);
    (a as Float32Array).fill(0);
    const [again] = await cached.embed(['forklift']);
    expect(calls).toHaveLength(1);
    expect(Array.from(again as Float32Array)).toEqual(Array.from(b as Float32Array));
  });
});

describe('LruVectorCache', () => {
  const v = (x: number) => Float32Array.from([x, x]);

  it('evicts the least recently used entry', () => {
    const c = new LruVectorCache(2);
    c.set([['a', v(1)], ['b', v(2)]]);
    c.get(['a']); // a is now more recent than b
    c.set([['c', v(3)]]);
    expect([...c.get(['a', 'b', 'c']).keys()]).toEqual(['a', 'c']);
    expect(c.size).toBe(2);
  });

  it('stores copies: mutating what was set or got does not change the cache', () => {
    const c = new LruVectorCache(4);
    const x = v(1);
    c.set([['x', x]]);
    x.fill(9);
    const got = c.get(['x']).get('x') as Float32Array;
    expect(Array.from(got)).toEqual([1, 1]);
    got.fill(7);
    expect(Array.from(c.get(['x']).get('x') as Float32Array)).toEqual([1, 1]);
  });

  it('rejects a non-positive size', () => {
    expect(() => new LruVectorCache(0)).toThrow(RangeError);
  });
});
