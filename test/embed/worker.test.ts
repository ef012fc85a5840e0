import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/index.js';
import { createEmbedder, createUseEmbedder, WorkerEmbedder, createTransformersEmbedder, type Embedder } from '../../src/embed/index.js';
import { buildTinyModel, type TinyModel } from './tiny-model.js';

const TEXTS = [
  'senior Java backend developer with Spring Boot',
  'registered nurse in intensive care',
  '',
  'Verpleegkundige met ervaring in de ouderenzorg',
  'forklift driver, warehouse operations, first aid',
];

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let d = 0;
  a.forEach((v, i) => v.forEach((x, j) => (d = Math.max(d, Math.abs(x - (b[i] as Float32Array)[j]!)))));
  return d;
}

let tmp: string;
let tiny: TinyModel;
let useWorker: Embedder;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-embed-worker-'));
  tiny = buildTinyModel(tmp);
  useWorker = await createEmbedder({ backend: 'use', modelsDir: tmp, worker: true });
});

afterAll(async () => {
  await useWorker?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('WorkerEmbedder', () => {
  it('runs USE in a worker thread and returns the in-process vectors (within 1e-5)', async () => {
    expect(useWorker).toBeInstanceOf(WorkerEmbedder);
    expect((useWorker as WorkerEmbedder).isolation).toBe('thread');
    expect((useWorker as WorkerEmbedder).hostId).toBeGreaterThan(0);
    const local = await createUseEmbedder();
    expect(useWorker.id).toBe(local.id);
    expect(useWorker.dimension).toBe(512);
    const [fromWorker, inProcess] = [await useWorker.embed(TEXTS), await local.embed(TEXTS)];
    expect(fromWorker).toHaveLength(TEXTS.length);
    for (const v of fromWorker) expect(v).toBeInstanceOf(Float32Array);
    expect(maxAbsDiff(fromWorker, inProcess)).toBeLessThan(1e-5);
  });

  it('answers concurrent calls to the right caller', async () => {
    const [a, b] = await Promise.all([useWorker.embed(['pastry chef', 'welder']), useWorker.embed(['accountant'])]);
    const all = await useWorker.embed(['pastry chef', 'welder', 'accountant']);
    expect(maxAbsDiff([...(a as Float32Array[]), ...(b as Float32Array[])], all)).toBeLessThan(1e-6);
  });

  it('runs the transformers backend in a child process with the same results as in-process', async () => {
    // onnxruntime-node loads in one thread per process only, so this backend is isolated in a process.
    const w = await WorkerEmbedder.start({ backend: 'transformers', modelsDir: tiny.modelsDir, model: tiny.model });
    expect(w.isolation).toBe('process');
    expect(w.hostId).not.toBe(process.pid);
    const local = await createTransformersEmbedder({ modelsDir: tiny.modelsDir, model: tiny.model });
    try {
      const texts = ['python developer', 'nurse', 'java engineer with data'];
      expect(maxAbsDiff(await w.embed(texts, 'query'), await local.embed(texts, 'query'))).toBeLessThan(1e-6);
    } finally {
      await w.close();
      await local.close();
    }
  });

  it('rethrows a model load error from the worker as the same AppError', async () => {
    const err = await WorkerEmbedder.start({ backend: 'transformers', modelsDir: tmp, model: 'absent/model' }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('not_ready');
    expect((err as AppError).message).toContain(path.join(tmp, 'absent', 'model'));
  });

  it('starts a fresh host after the old one is killed, and refuses calls once closed', async () => {
    const w = await WorkerEmbedder.start({ backend: 'transformers', modelsDir: tiny.modelsDir, model: tiny.model });
    const [before] = await w.embed(['python developer']);
    const firstPid = w.hostId as number;
    process.kill(firstPid, 'SIGKILL');
    await expect.poll(() => w.hostId, { timeout: 5000 }).toBeNull();
    const [after] = await w.embed(['python developer']);
    expect(w.hostId).not.toBe(firstPid);
    expect(Array.from(after as Float32Array)).toEqual(Array.from(before as Float32Array));
    await w.close();
    await expect(w.embed(['x'])).rejects.toMatchObject({ code: 'not_ready' });
  });
});
