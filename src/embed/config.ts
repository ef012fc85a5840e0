import { z } from 'zod';

/** Embedder settings; `createEmbedder` validates them with this schema. */
export const embedderConfigSchema = z
  .object({
    /** 'use' = Universal Sentence Encoder lite shipped in npm (the default); 'transformers' = a model in modelsDir. */
    backend: z.enum(['use', 'transformers']),
    modelsDir: z.string().min(1),
    /** Model folder under modelsDir (transformers backend only), e.g. `Xenova/multilingual-e5-small`. */
    model: z.string().min(1).optional(),
    /** Allow a Hugging Face hub download when the model is not in modelsDir. Default false. */
    allowRemote: z.boolean().optional(),
    /** Run the model in a worker thread (off the request thread). */
    worker: z.boolean().optional(),
    batchSize: z.number().int().min(1).max(1024).optional(),
    quantized: z.boolean().optional(),
    prefixes: z.enum(['auto', 'e5', 'none']).optional(),
    maxTokens: z.number().int().min(8).max(8192).optional(),
  })
  .strict();

export type EmbedderConfig = z.infer<typeof embedderConfigSchema>;

/** The part of the config that picks and loads a model (what a worker needs). */
export type BackendConfig = Omit<EmbedderConfig, 'worker'>;
