import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/index.js';
import { createEmbedder, createTransformersEmbedder, expectedModelFiles, type Embedder } from '../../src/embed/index.js';
import { cosine, norm } from '../../src/embed/vector.js';
import { blockNetwork, type NetGuard } from './net-guard.js';
import { buildTinyModel, type TinyModel } from './tiny-model.js';

let tmp: string;
let tiny: TinyModel;
let guard: NetGuard;
let e: Embedder;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-embed-tf-'));
  tiny = buildTinyModel(tmp);
  guard = blockNetwork();
  e = await createTransformersEmbedder({ modelsDir: tiny.modelsDir, model: tiny.model, batchSize: 3 });
});

afterAll(async () => {
  await e?.close();
  guard?.restore();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function nearest(query: Float32Array, pool: Float32Array[]): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  pool.forEach((v, i) => {
    const s = cosine(query, v);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  return best;
}

describe('network guard (test helper)', () => {
  it('records and blocks sockets and fetch', async () => {
    const before = guard.attempts.length;
    expect(() => net.connect(9, '127.0.0.1')).toThrow(/blocked/);
    await expect(fetch('https://huggingface.co/')).rejects.toThrow(/blocked/);
    expect(guard.attempts.length).toBe(before + 2);
    guard.attempts.length = before;
  });
});

describe('transformers.js backend with a model built on disk', () => {
  it('loads offline with a descriptive id and the model dimension', async () => {
    expect(e.id).toBe(`xenova:${tiny.model}`);
    expect(e.dimension).toBe(tiny.dimension);
    const { env } = await import('@xenova/transformers');
    expect(env.allowRemoteModels).toBe(false);
    expect(guard.attempts).toEqual([]);
  });

  it('returns unit vectors where shared concepts are near', async () => {
    const [pd, pe, nurse] = await e.embed(['python developer', 'Python Engineer', 'nurse']);
    for (const v of [pd, pe, nurse]) expect(norm(v as Float32Array)).toBeCloseTo(1, 5);
    const close = cosine(pd as Float32Array, pe as Float32Array);
    const far = cosine(pd as Float32Array, nurse as Float32Array);
    expect(close).toBeGreaterThan(0.9);
    expect(far).toBeLessThan(0.3);
  });

  it('finds the expected nearest neighbour, across languages known to the vocabulary', async () => {
    const pool = await e.embed(['python developer', 'java engineer', 'registered nurse in a hospital', 'forklift driver in a warehouse', 'data analyst']);
    const queries = await e.embed(['java programmer', 'verpleegkundige', 'warehouse logistics', 'python ontwikkelaar'], 'query');
    expect(queries.map((q) => nearest(q, pool))).toEqual([1, 2, 3, 0]);
  });

  it('mean-pools over the attention mask: padding in a batch does not change a vector', async () => {
    // The tiny model gives [PAD] a large vector; pooling that counted padding would move "python".
    const [alone] = await e.embed(['python']);
    const batch = await e.embed(['senior java engineer with data and python and care', 'python', 'nurse']);
    expect(cosine(alone as Float32Array, batch[1] as Float32Array)).toBeGreaterThan(1 - 1e-6);
    for (let i = 0; i < (alone as Float32Array).length; i++) {
      expect(Math.abs((alone as Float32Array)[i]! - batch[1]![i]!)).toBeLessThan(1e-6);
    }
  });

  it('applies e5 query/passage prefixes when asked, and not otherwise', async () => {
    const e5 = await createTransformersEmbedder({ modelsDir: tiny.modelsDir, model: tiny.model, prefixes: 'e5' });
    try {
      expect(e5.id).toBe(`xenova:${tiny.model}+e5`);
      const [q] = await e5.embed(['python developer'], 'query');
      const [p] = await e5.embed(['python developer'], 'passage');
      const [literalQ, literalP] = await e.embed(['query: python developer', 'passage: python developer']);
      expect(cosine(q as Float32Array, literalQ as Float32Array)).toBeGreaterThan(1 - 1e-6);
      expect(cosine(p as Float32Array, literalP as Float32Array)).toBeGreaterThan(1 - 1e-6);
      expect(cosine(q as Float32Array, p as Float32Array)).toBeLessThan(0.999);
      // The plain embedder ignores the kind.
      const [q0] = await e.embed(['python developer'], 'query');
      const [p0] = await e.embed(['python developer'], 'passage');
      expect(cosine(q0 as Float32Array, p0 as Float32Array)).toBeGreaterThan(1 - 1e-6);
    } finally {
      await e5.close();
    }
  });

  it('reports a missing model clearly, naming the directory and the expected files, without a network attempt', async () => {
    const err = await createTransformersEmbedder({ modelsDir: tmp, model: 'Xenova/multilingual-e5-small' }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(AppError);
    const appErr = err as AppError;
    expect(appErr.code).toBe('not_ready');
    expect(appErr.message).toContain(path.join(tmp, 'Xenova', 'multilingual-e5-small'));
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) expect(appErr.message).toContain(f);
    expect(appErr.message).toMatch(/allowRemote=false/);
    expect(appErr.details?.expected).toEqual(expectedModelFiles());
    expect(guard.attempts).toEqual([]);
  });

  it('downloads from the hub only when allowRemote is set (opt-in)', async () => {
    const before = guard.attempts.length;
    const err = (await createTransformersEmbedder({ modelsDir: tmp, model: 'Xenova/not-here', allowRemote: true }).catch((x: unknown) => x)) as AppError;
    expect(err.code).toBe('not_ready');
    const tried = guard.attempts.slice(before);
    guard.attempts.length = before;
    expect(tried.some((a) => a.includes('huggingface.co/Xenova/not-here'))).toBe(true);
  });

  it('names the missing file when a model folder is incomplete', async () => {
    const broken = buildTinyModel(tmp, 'tiny/broken');
    fs.rmSync(path.join(broken.modelsDir, 'tiny', 'broken', 'tokenizer.json'));
    const err = (await createTransformersEmbedder({ modelsDir: tmp, model: broken.model }).catch((x: unknown) => x)) as AppError;
    expect(err.details?.missing).toEqual(['tokenizer.json']);
  });

  it('rejects model names that would leave the models directory', async () => {
    for (const model of ['../etc', 'a/../../b', '/abs/path', 'a/b/c']) {
      const err = (await createTransformersEmbedder({ modelsDir: tmp, model }).catch((x: unknown) => x)) as AppError;
      expect(err.code).toBe('validation_failed');
    }
  });

  it('is reachable through createEmbedder, which needs a model name for this backend', async () => {
    const viaFactory = await createEmbedder({ backend: 'transformers', modelsDir: tiny.modelsDir, model: tiny.model });
    const [a] = await viaFactory.embed(['java engineer']);
    const [b] = await e.embed(['java engineer']);
    expect(cosine(a as Float32Array, b as Float32Array)).toBeGreaterThan(1 - 1e-6);
    await viaFactory.close();
    await expect(createEmbedder({ backend: 'transformers', modelsDir: tmp })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(createEmbedder({ backend: 'use', modelsDir: tmp, batchSize: 0 })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
