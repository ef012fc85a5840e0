/**
 * What a text is embedded as. Asymmetric models (e5) embed queries and passages
 * differently ("query: " / "passage: " prefixes); symmetric models ignore it.
 */
export type EmbedKind = 'query' | 'passage';

/**
 * A sentence embedder. Every vector it returns is L2-normalised (unit length) and has
 * `dimension` entries, so cosine similarity is a plain dot product. The one exception is
 * an empty (whitespace-only) text: it carries no meaning and gets an all-zero vector.
 */
export interface Embedder {
  /** Stable, descriptive model id stored with every vector, e.g. `use-lite-en@0.2.0`. */
  readonly id: string;
  readonly dimension: number;
  /** Embeds `texts` (batched internally); one vector per text, same order. `kind` defaults to 'passage'. */
  embed(texts: readonly string[], kind?: EmbedKind): Promise<Float32Array[]>;
  /** Frees the model or worker. The embedder must not be used afterwards. */
  close(): Promise<void>;
}

/** Default number of texts per model call. */
export const DEFAULT_BATCH_SIZE = 32;
