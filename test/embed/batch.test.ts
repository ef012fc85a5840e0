import { describe, expect, it } from 'vitest';
import { embedInBatches, SerialQueue, toBatches } from '../../src/embed/batch.js';

/** A stand-in model input for the helper under test: vector = [text length, batch number]. */
function lengthModel() {
  const batches: string[][] = [];
  const run = async (batch: string[]) => {
    batches.push(batch);
    return batch.map((t) => Float32Array.from([t.length, batches.length]));
  };
  return { batches, run };
}

describe('embedInBatches', () => {
  it('batches by length, keeps input order in the result and skips empty texts', async () => {
    const { batches, run } = lengthModel();
    const texts = ['aaaaaa', '', 'a', 'aaaa', '  ', 'aa', 'aaaaa'];
    const out = await embedInBatches(texts, 2, 2, run);
    expect(batches).toEqual([['a', 'aa'], ['aaaa', 'aaaaa'], ['aaaaaa']]);
    expect(out.map((v) => v[0])).toEqual([6, 0, 1, 4, 0, 2, 5]);
    expect(Array.from(out[1] as Float32Array)).toEqual([0, 0]);
  });

  it('fails when the model returns the wrong number of vectors', async () => {
    await expect(embedInBatches(['a', 'b'], 2, 8, async () => [new Float32Array(2)])).rejects.toThrow(/1 vectors for 2 texts/);
  });

  it('never calls the model for nothing', async () => {
    const { batches, run } = lengthModel();
    expect(await embedInBatches(['', ' '], 3, 4, run)).toHaveLength(2);
    expect(batches).toEqual([]);
  });
});

describe('toBatches', () => {
  it('splits into consecutive groups and validates the size', () => {
    expect(toBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => toBatches([1], 0)).toThrow(RangeError);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order, even after a failure', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const results = await Promise.allSettled([q.run(task('a', 20)), q.run(task('b', 1, true)), q.run(task('c', 1))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
