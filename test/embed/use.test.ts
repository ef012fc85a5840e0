import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUseEmbedder, USE_DIMENSION, useModelId, type Embedder } from '../../src/embed/index.js';
import { useBackendName } from '../../src/embed/use.js';
import { cosine, norm } from '../../src/embed/vector.js';
import { blockNetwork, type NetGuard } from './net-guard.js';

// One model load for the whole file, with the network blocked while it loads and runs.
let guard: NetGuard;
let e: Embedder;

beforeAll(async () => {
  guard = blockNetwork();
  e = await createUseEmbedder({ batchSize: 4 });
});

afterAll(async () => {
  await e?.close();
  guard?.restore();
});

describe('USE lite backend', () => {
  it('has a stable id naming the weights package version and 512 dimensions', () => {
    expect(e.id).toBe(useModelId());
    expect(e.id).toMatch(/^use-lite-en@\d+\.\d+\.\d+$/);
    expect(e.dimension).toBe(USE_DIMENSION);
    expect(USE_DIMENSION).toBe(512);
  });

  it('runs on the shipped WASM backend and never touches the network', async () => {
    expect(await useBackendName()).toBe('wasm');
    await e.embed(['network check']);
    expect(guard.attempts).toEqual([]);
  });

  it('returns one unit-length 512-dim vector per text, in order, across batches', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `candidate ${i} has ${i + 1} years of experience with databases`);
    const vs = await e.embed(texts);
    expect(vs).toHaveLength(10);
    for (const v of vs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(512);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    // Same text alone gives the same vector as inside a batch (order is kept).
    const [alone] = await e.embed([texts[7] as string]);
    expect(cosine(alone as Float32Array, vs[7] as Float32Array)).toBeGreaterThan(0.9999);
    expect(cosine(vs[7] as Float32Array, vs[2] as Float32Array)).toBeLessThan(0.9999);
  });

  it('orders meanings sensibly: Java developer is closer to Java engineer than to a nurse', async () => {
    const [dev, eng, nurse] = await e.embed([
      'senior Java backend developer with Spring Boot',
      'Java software engineer, Spring, microservices',
      'registered nurse in intensive care',
    ]);
    const a = cosine(dev as Float32Array, eng as Float32Array);
    const b = cosine(dev as Float32Array, nurse as Float32Array);
    expect(a).toBeGreaterThan(b + 0.2);
  });

  it('gives empty texts an all-zero vector without disturbing the others', async () => {
    const [x, empty, y] = await e.embed(['forklift driver in a warehouse', '   ', 'accountant']);
    expect(norm(empty as Float32Array)).toBe(0);
    expect(norm(x as Float32Array)).toBeCloseTo(1, 5);
    expect(norm(y as Float32Array)).toBeCloseTo(1, 5);
    expect(await e.embed([])).toEqual([]);
  });

  it('serialises concurrent calls without mixing up results', async () => {
    const [a, b] = await Promise.all([e.embed(['python developer']), e.embed(['pastry chef'])]);
    const [a2, b2] = await e.embed(['python developer', 'pastry chef']);
    expect(cosine(a?.[0] as Float32Array, a2 as Float32Array)).toBeGreaterThan(0.9999);
    expect(cosine(b?.[0] as Float32Array, b2 as Float32Array)).toBeGreaterThan(0.9999);
  });
});
