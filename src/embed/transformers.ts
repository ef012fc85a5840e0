/**
 * A sentence-embedding model in transformers.js layout, read from a local folder:
 *
 *   <modelsDir>/<model>/config.json
 *   <modelsDir>/<model>/tokenizer.json
 *   <modelsDir>/<model>/tokenizer_config.json
 *   <modelsDir>/<model>/onnx/model_quantized.onnx   (or onnx/model.onnx)
 *
 * e.g. models/Xenova/multilingual-e5-small. Downloads from the Hugging Face hub are off
 * unless `allowRemote` is set; a downloaded model is saved under modelsDir in the same layout.
 * Sentence vector = mean of the token vectors over the attention mask, then L2-normalised
 * (the sentence-transformers recipe).
 *
 * onnxruntime-node 1.14 (the runtime under transformers.js) loads in one thread per process:
 * create this backend in the main thread or in a child process (WorkerEmbedder does the
 * latter), never in two threads of one process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/index.js';
import { embedInBatches, SerialQueue } from './batch.js';
import { DEFAULT_BATCH_SIZE, type EmbedKind, type Embedder } from './types.js';
import { l2normalize } from './vector.js';

export type PrefixMode = 'auto' | 'e5' | 'none';

export interface TransformersEmbedderOptions {
  /** Folder holding models, e.g. `./models`. */
  modelsDir: string;
  /** Model folder name under modelsDir, e.g. `Xenova/multilingual-e5-small`. */
  model: string;
  /** Allow a download from the Hugging Face hub when the model is not in modelsDir. Default false. */
  allowRemote?: boolean;
  /** Use `onnx/model_quantized.onnx`; default: whichever file exists (quantized first). */
  quantized?: boolean;
  /** 'auto' applies the e5 "query: " / "passage: " prefixes when the model name contains "e5". */
  prefixes?: PrefixMode;
  /** Token limit per text (longer texts are truncated); default: the tokenizer's limit, at most 512. */
  maxTokens?: number;
  batchSize?: number;
}

const MODEL_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/;
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const ONNX_FILES = { quantized: 'onnx/model_quantized.onnx', plain: 'onnx/model.onnx' };

/** What a transformers.js model folder must contain; used in errors and docs. */
export function expectedModelFiles(): string[] {
  return [...REQUIRED_FILES, `${ONNX_FILES.quantized} (or ${ONNX_FILES.plain})`];
}

export function transformersModelId(model: string, quantized: boolean, prefixes: PrefixMode = 'auto'): string {
  const forced = prefixes !== 'auto' && (prefixes === 'e5') !== isE5Name(model) ? `+${prefixes === 'e5' ? 'e5' : 'noprefix'}` : '';
  return `xenova:${model}${quantized ? '@q8' : ''}${forced}`;
}

function isE5Name(model: string): boolean {
  return /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(model);
}

function checkModelName(model: string): void {
  if (!MODEL_NAME.test(model) || model.split('/').some((p) => p === '.' || p === '..')) {
    throw new AppError('validation_failed', `Invalid embedding model name "${model}": use "name" or "owner/name".`);
  }
}

/** Which onnx file to load, or the list of missing files when the folder is incomplete. */
function inspectModelDir(dir: string, quantized: boolean | undefined): { quantized: boolean } | { missing: string[] } {
  const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  const hasQ = fs.existsSync(path.join(dir, ONNX_FILES.quantized));
  const hasPlain = fs.existsSync(path.join(dir, ONNX_FILES.plain));
  let q: boolean | null = null;
  if (quantized === true) q = hasQ ? true : null;
  else if (quantized === false) q = hasPlain ? false : null;
  else q = hasQ ? true : hasPlain ? false : null;
  if (q === null) {
    missing.push(quantized === false ? ONNX_FILES.plain : quantized === true ? ONNX_FILES.quantized : `${ONNX_FILES.quantized} or ${ONNX_FILES.plain}`);
  }
  return missing.length > 0 || q === null ? { missing } : { quantized: q };
}

// Narrow views of the transformers.js objects we use (its own typings are loose callables).
interface TensorLike {
  data: ArrayLike<number | bigint>;
  dims: number[];
}
interface TokenizerLike {
  (texts: string[], opts: { padding: boolean; truncation: boolean }): { input_ids: TensorLike; attention_mask: TensorLike };
  model_max_length?: number;
}
interface ModelLike {
  (inputs: Record<string, unknown>): Promise<Record<string, TensorLike | undefined>>;
  dispose(): Promise<unknown>;
}

// transformers.js keeps its settings in one global `env`: loads are serialised so each sees its own.
const loadQueue = new SerialQueue();

async function loadModel(opts: TransformersEmbedderOptions, quantized: boolean): Promise<{ tokenizer: TokenizerLike; model: ModelLike }> {
  const allowRemote = opts.allowRemote ?? false;
  return loadQueue.run(async () => {
    const { env, AutoTokenizer, AutoModel } = await import('@xenova/transformers');
    env.allowLocalModels = true;
    env.allowRemoteModels = allowRemote;
    env.localModelPath = opts.modelsDir.endsWith(path.sep) ? opts.modelsDir : opts.modelsDir + path.sep;
    // Downloads (only when allowed) land in modelsDir in the same layout, so the next start is offline.
    env.useFSCache = allowRemote;
    env.cacheDir = opts.modelsDir;
    const common = { local_files_only: !allowRemote, quantized };
    const tokenizer = (await AutoTokenizer.from_pretrained(opts.model, common)) as unknown as TokenizerLike;
    const model = (await AutoModel.from_pretrained(opts.model, common)) as unknown as ModelLike;
    return { tokenizer, model };
  });
}

/** Mean of the token vectors where attention_mask is 1, per row; then L2-normalised. */
export function meanPool(hidden: TensorLike, mask: TensorLike): Float32Array[] {
  const [batch, seq, dim] = hidden.dims as [number, number, number];
  if (hidden.dims.length !== 3 || mask.dims[0] !== batch || mask.dims[1] !== seq) {
    throw new Error(`unexpected shapes: hidden [${hidden.dims.join(',')}], mask [${mask.dims.join(',')}]`);
  }
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const sum = new Float64Array(dim);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(mask.data[b * seq + s]) === 0) continue;
      count++;
      const base = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) sum[d] = (sum[d] as number) + Number(hidden.data[base + d]);
    }
    if (count > 0) for (let d = 0; d < dim; d++) sum[d] = (sum[d] as number) / count;
    out.push(l2normalize(sum));
  }
  return out;
}

export async function createTransformersEmbedder(opts: TransformersEmbedderOptions): Promise<Embedder> {
  checkModelName(opts.model);
  const dir = path.join(path.resolve(opts.modelsDir), ...opts.model.split('/'));
  const found = inspectModelDir(dir, opts.quantized);
  let quantized: boolean;
  if ('missing' in found) {
    if (!opts.allowRemote) {
      throw new AppError(
        'not_ready',
        `Embedding model "${opts.model}" is not in ${dir}. Put a transformers.js model there ` +
          `(${expectedModelFiles().join(', ')}); missing: ${found.missing.join(', ')}. ` +
          'Hub downloads are off (allowRemote=false).',
        { modelsDir: path.resolve(opts.modelsDir), model: opts.model, dir, expected: expectedModelFiles(), missing: found.missing },
      );
    }
    quantized = opts.quantized ?? true;
  } else {
    quantized = found.quantized;
  }

  let loaded: { tokenizer: TokenizerLike; model: ModelLike };
  try {
    loaded = await loadModel({ ...opts, modelsDir: path.resolve(opts.modelsDir) }, quantized);
  } catch (e) {
    throw new AppError('not_ready', `Could not load embedding model "${opts.model}" from ${dir}: ${(e as Error).message}`, {
      modelsDir: path.resolve(opts.modelsDir),
      model: opts.model,
    });
  }
  const { tokenizer, model } = loaded;
  const limit = tokenizer.model_max_length;
  const maxTokens = opts.maxTokens ?? (typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? Math.min(limit, 512) : 512);
  // The tokenizer truncates to model_max_length (and breaks when it is missing).
  tokenizer.model_max_length = maxTokens;

  const mode = opts.prefixes ?? 'auto';
  const e5 = mode === 'e5' || (mode === 'auto' && isE5Name(opts.model));
  const prefix = (kind: EmbedKind): string => (e5 ? `${kind}: ` : '');
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const queue = new SerialQueue();

  const run = async (batch: string[]): Promise<Float32Array[]> => {
    const inputs = tokenizer(batch, { padding: true, truncation: true });
    const outputs = await model(inputs as unknown as Record<string, unknown>);
    const hidden = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits;
    if (!hidden) throw new Error(`model "${opts.model}" returned no last_hidden_state`);
    return meanPool(hidden, inputs.attention_mask);
  };

  const probe = await run([prefix('passage') + 'dimension probe']);
  const dimension = probe[0]?.length ?? 0;
  if (dimension === 0) throw new AppError('not_ready', `Embedding model "${opts.model}" returned an empty vector`);

  return {
    id: transformersModelId(opts.model, quantized, mode),
    dimension,
    embed: (texts, kind = 'passage') => queue.run(() => embedInBatches(texts, dimension, batchSize, (batch) => run(batch.map((t) => prefix(kind) + t)))),
    close: () => queue.run(async () => void (await model.dispose())),
  };
}
