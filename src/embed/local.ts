import { AppError } from '../domain/index.js';
import type { BackendConfig } from './config.js';
import { createTransformersEmbedder } from './transformers.js';
import type { Embedder } from './types.js';
import { createUseEmbedder } from './use.js';

/** Loads the configured model in this thread. */
export async function createLocalEmbedder(cfg: BackendConfig): Promise<Embedder> {
  if (cfg.backend === 'use') return createUseEmbedder({ batchSize: cfg.batchSize });
  if (!cfg.model) {
    throw new AppError('validation_failed', `The transformers embedding backend needs a model: a folder name under ${cfg.modelsDir}, e.g. "Xenova/multilingual-e5-small".`);
  }
  return createTransformersEmbedder({
    modelsDir: cfg.modelsDir,
    model: cfg.model,
    allowRemote: cfg.allowRemote,
    quantized: cfg.quantized,
    prefixes: cfg.prefixes,
    maxTokens: cfg.maxTokens,
    batchSize: cfg.batchSize,
  });
}
