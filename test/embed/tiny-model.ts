/**
 * Builds a tiny transformers.js-layout sentence model on disk for tests (never committed):
 *
 *   <modelsDir>/<name>/config.json              model_type "bert"
 *   <modelsDir>/<name>/tokenizer.json           WordPiece, lower-casing, [CLS] … [SEP]
 *   <modelsDir>/<name>/tokenizer_config.json    names pad_token (batched calls need it)
 *   <modelsDir>/<name>/onnx/model.onnx          one Gather from an embedding table
 *
 * The graph takes input_ids and attention_mask (int64 [batch, seq]) and returns
 * last_hidden_state = table[input_ids] (float [batch, seq, dim]); pooling is the embedder's job.
 * Word vectors are built from named concept axes, so words that share a concept are near:
 * "developer", "engineer", "programmer" and Dutch "ontwikkelaar" share the software axis;
 * "nurse" lives on the health axis. [PAD] gets a large vector on its own axis, so pooling
 * that ignores the attention mask visibly changes the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { onnx as OnnxNs } from 'onnx-proto';

const require = createRequire(import.meta.url);
const { onnx } = require('onnx-proto') as { onnx: typeof OnnxNs };

export const TINY_AXES = ['software', 'python', 'java', 'health', 'logistics', 'data', 'role', 'meta', 'pad', 'n1', 'n2', 'n3'] as const;
type Axis = (typeof TINY_AXES)[number];
export const TINY_DIM = TINY_AXES.length;

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** Word → weights on concept axes (unlisted axes are 0). */
export const TINY_WORDS: Record<string, Partial<Record<Axis, number>>> = {
  '[PAD]': { pad: 5 },
  '[UNK]': { n3: 0.1 },
  '[CLS]': {},
  '[SEP]': {},
  python: { python: 1, software: 0.5 },
  java: { java: 1, software: 0.5 },
  developer: { software: 1, role: 0.4, n1: 0.2 },
  ontwikkelaar: { software: 1, role: 0.4, n1: 0.2 },
  engineer: { software: 1, role: 0.4, n2: 0.2 },
  programmer: { software: 1, role: 0.4, n3: 0.2 },
  nurse: { health: 1, role: 0.4 },
  verpleegkundige: { health: 1, role: 0.4, n1: 0.1 },
  patient: { health: 1, n2: 0.1 },
  care: { health: 1, n3: 0.1 },
  hospital: { health: 0.9, n1: 0.2 },
  warehouse: { logistics: 1 },
  forklift: { logistics: 1, n2: 0.2 },
  logistics: { logistics: 1, n1: 0.1 },
  data: { data: 1 },
  analyst: { data: 0.8, role: 0.4 },
  senior: { role: 0.2, n2: 0.05 },
  with: { n1: 0.05 },
  and: { n2: 0.05 },
  in: { n3: 0.05 },
  query: { meta: 1 },
  passage: { meta: 1, n3: 0.6 },
  ':': { meta: 0.3 },
  '##s': {},
};

export interface TinyModel {
  modelsDir: string;
  model: string;
  dimension: number;
  vocab: string[];
}

function vectorOf(word: string): number[] {
  const w = TINY_WORDS[word] ?? {};
  return TINY_AXES.map((a) => w[a] ?? 0);
}

function onnxModel(vocabSize: number, table: Float32Array): Uint8Array {
  const { TensorProto } = onnx;
  const intType = TensorProto.DataType.INT64;
  const floatType = TensorProto.DataType.FLOAT;
  const tensorType = (elemType: number, dims: string[]) =>
    onnx.TypeProto.create({
      tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimParam: d })) } },
    });
  const outShape = onnx.TypeProto.create({
    tensorType: { elemType: floatType, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'seq' }, { dimValue: TINY_DIM }] } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'jobmatch-tests',
    graph: {
      name: 'tiny-embedding',
      node: [{ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
      initializer: [
        {
          name: 'embeddings',
          dataType: floatType,
          dims: [vocabSize, TINY_DIM],
          rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
        },
      ],
      input: [
        { name: 'input_ids', type: tensorType(intType, ['batch', 'seq']) },
        { name: 'attention_mask', type: tensorType(intType, ['batch', 'seq']) },
      ],
      output: [{ name: 'last_hidden_state', type: outShape }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: string[]): unknown {
  const ids = Object.fromEntries(vocab.map((w, i) => [w, i]));
  const special = (t: string) => ({ id: t, ids: [ids[t]], tokens: [t] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((t) => ({ id: ids[t], content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

/** Writes the tiny model to `<modelsDir>/<name>/` and returns where it is. */
export function buildTinyModel(modelsDir: string, name = 'tiny/bert-concepts'): TinyModel {
  const vocab = [...SPECIALS, ...Object.keys(TINY_WORDS).filter((w) => !(SPECIALS as readonly string[]).includes(w))];
  const table = new Float32Array(vocab.length * TINY_DIM);
  vocab.forEach((w, i) => table.set(vectorOf(w), i * TINY_DIM));
  const dir = path.join(modelsDir, ...name.split('/'));
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), onnxModel(vocab.length, table));
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  fs.writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'PreTrainedTokenizer', pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', do_lower_case: true, model_max_length: 64 }),
  );
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: TINY_DIM, vocab_size: vocab.length, max_position_embeddings: 64 }),
  );
  return { modelsDir, model: name, dimension: TINY_DIM, vocab };
}
