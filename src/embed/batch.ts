import { DEFAULT_BATCH_SIZE } from './types.js';

/** Splits `items` into consecutive batches of at most `size` items. */
export function toBatches<T>(items: readonly T[], size: number = DEFAULT_BATCH_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Embeds non-empty texts in batches with `run` (which must return one vector per text) and
 * gives whitespace-only texts an all-zero vector without calling the model. Texts are batched
 * in order of length: both backends pad a batch to its longest text, and one long text among
 * short ones made a USE batch ~8x slower (measured). Results come back in input order.
 */
export async function embedInBatches(
  texts: readonly string[],
  dimension: number,
  batchSize: number,
  run: (batch: string[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  const out: Float32Array[] = new Array<Float32Array>(texts.length);
  const todo: number[] = [];
  texts.forEach((t, i) => {
    if (t.trim() === '') out[i] = new Float32Array(dimension);
    else todo.push(i);
  });
  todo.sort((a, b) => (texts[a] as string).length - (texts[b] as string).length || a - b);
  for (const idx of toBatches(todo, batchSize)) {
    const vectors = await run(idx.map((i) => texts[i] as string));
    if (vectors.length !== idx.length) throw new Error(`model returned ${vectors.length} vectors for ${idx.length} texts`);
    idx.forEach((i, j) => {
      out[i] = vectors[j] as Float32Array;
    });
  }
  return out;
}

/** Runs async tasks one at a time, in call order (the model runtimes are not re-entrant). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
