/**
 * Start-up: load a saved index when its manifest and checksum match what the store expects,
 * otherwise rebuild it from the store's vectors (the source of truth), never trust a damaged
 * file and never crash on one.
 *
 * Order of checks: both files present → manifest parses (zod) → name, modelId, dim, M,
 * efConstruction, count, lastSeq equal the expectation → file size and sha256 equal the manifest
 * → the file's own layout is consistent (hnsw-file.ts) → hnswlib reads it → (when the caller lists
 * the store's ids) the file's labels are exactly those ids. Only a file that passed the checksum is
 * handed to hnswlib, whose loader can crash on corrupt input.
 */
import hnswlib from 'hnswlib-node';
import { mkdir } from 'node:fs/promises';
import { HnswCore } from './core.js';
import { exists, pathsFor, readWhole, sha256 } from './files.js';
import { parseHnswFile } from './hnsw-file.js';
import { manifestMismatch, readManifest, type Manifest } from './manifest.js';
import { DEFAULT_PARAMS } from './params.js';
import type { RebuildReason, VectorSource } from './types.js';
import { VectorIndex, type VectorIndexConfig } from './vector-index.js';

export interface OpenOptions extends Omit<VectorIndexConfig, 'dim' | 'modelId' | 'source' | 'capacity'> {
  /** Directory holding `<name>.hnsw` and `<name>.manifest.json`. */
  dir: string;
  /** What the store holds now; any difference from the manifest means a rebuild. */
  expect: { modelId: string; dim: number; count: number; lastSeq: number };
  /** Live vectors from the store. */
  source: VectorSource;
  /** Save right after a rebuild so the next start loads (default true). */
  saveAfterRebuild?: boolean;
  /**
   * The ids the store holds now (cheap to list, unlike the vectors). When given, a saved index must
   * hold exactly these: a file whose labels differ is rebuilt even when its checksum matches
   * (a manifest rewritten to fit a damaged file, or a file copied from another store).
   */
  expectIds?: () => Iterable<number>;
}

export interface OpenResult {
  index: VectorIndex;
  status: 'loaded' | 'rebuilt';
  /** Why the saved index was not used (status 'rebuilt'). */
  reason?: RebuildReason;
  /** True when the loaded index had too many deleted slots and was compacted. */
  compacted: boolean;
  /** Vectors the source yielded that could not be indexed (bad id, zero or wrong length). */
  skipped: number;
  ms: number;
}

export async function openVectorIndex(opts: OpenOptions): Promise<OpenResult> {
  const t0 = performance.now();
  const { expect } = opts;
  const config: VectorIndexConfig = { ...opts, dim: expect.dim, modelId: expect.modelId, source: opts.source };
  await mkdir(opts.dir, { recursive: true });
  const attempt = await tryLoad(opts, config);
  if (attempt.ok) {
    const index = attempt.index;
    let compacted = false;
    if (index.needsCompaction()) {
      await index.compact();
      await index.save(opts.dir);
      compacted = true;
    }
    return { index, status: 'loaded', compacted, skipped: 0, ms: performance.now() - t0 };
  }
  const capacity = Math.ceil(Math.max(expect.count, 1) * 1.25);
  const index = new VectorIndex({ ...config, capacity });
  const { skipped } = await index.load(opts.source);
  index.lastSeq = expect.lastSeq;
  if (opts.saveAfterRebuild ?? true) await index.save(opts.dir);
  return { index, status: 'rebuilt', reason: attempt.reason, compacted: false, skipped, ms: performance.now() - t0 };
}

type Attempt = { ok: true; index: VectorIndex } | { ok: false; reason: RebuildReason };

async function tryLoad(opts: OpenOptions, config: VectorIndexConfig): Promise<Attempt> {
  const paths = pathsFor(opts.dir, opts.name);
  if (!(await exists(paths.index))) return { ok: false, reason: { kind: 'missing', file: 'index' } };
  if (!(await exists(paths.manifest))) return { ok: false, reason: { kind: 'missing', file: 'manifest' } };
  const read = await readManifest(paths.manifest);
  if (!read.ok) return { ok: false, reason: { kind: 'read-error', message: read.message } };
  const m: Manifest = read.manifest;
  const params = { ...DEFAULT_PARAMS, ...opts.params };
  const mismatch = manifestMismatch(m, {
    name: opts.name,
    modelId: opts.expect.modelId,
    dim: opts.expect.dim,
    M: params.M,
    efConstruction: params.efConstruction,
    count: opts.expect.count,
    lastSeq: opts.expect.lastSeq,
  });
  if (mismatch) return { ok: false, reason: { kind: 'manifest-mismatch', ...mismatch } };

  let buf: ArrayBuffer;
  try {
    buf = await readWhole(paths.index);
  } catch (e) {
    return { ok: false, reason: { kind: 'read-error', message: (e as Error).message } };
  }
  if (buf.byteLength !== m.bytes) {
    return { ok: false, reason: { kind: 'checksum-mismatch', expected: `${m.bytes} bytes`, found: `${buf.byteLength} bytes` } };
  }
  const sum = sha256(buf);
  if (sum !== m.checksum) return { ok: false, reason: { kind: 'checksum-mismatch', expected: m.checksum, found: sum } };

  // The checksum holds: let hnswlib read the file on its thread while we parse our tables here.
  const native = new hnswlib.HierarchicalNSW('ip', m.dim);
  const reading = native.readIndex(paths.index).then(
    () => null,
    (e: unknown) => (e as Error).message ?? String(e),
  );
  try {
    const file = parseHnswFile(buf, m.dim, { vectors: opts.keepVectors ?? true });
    const nativeError = await reading;
    if (nativeError) return { ok: false, reason: { kind: 'read-error', message: nativeError } };
    const live = file.header.count - file.deletedCount;
    const problem =
      live !== m.count ? `file holds ${live} live vectors, manifest says ${m.count}`
      : file.deletedCount !== m.deleted ? `file holds ${file.deletedCount} deleted slots, manifest says ${m.deleted}`
      : native.getCurrentCount() !== file.header.count ? `hnswlib reads ${native.getCurrentCount()} elements, file header says ${file.header.count}`
      : native.getMaxElements() !== file.header.maxElements ? `hnswlib capacity ${native.getMaxElements()} differs from the header`
      : file.header.M !== m.M ? `file M ${file.header.M} differs from the manifest`
      : copyDiffers(native, file, m.dim) ? 'vectors parsed from the file differ from what hnswlib reads'
      : opts.expectIds ? labelsDiffer(file, opts.expectIds())
      : null;
    if (problem) return { ok: false, reason: { kind: 'read-error', message: problem } };
    const core = HnswCore.fromFile(native, m.dim, file);
    const index = new VectorIndex({ ...config, params: { ...opts.params, ef: opts.params?.ef ?? m.ef } }, core);
    index.lastSeq = m.lastSeq;
    return { ok: true, index };
  } catch (e) {
    await reading;
    return { ok: false, reason: { kind: 'read-error', message: (e as Error).message } };
  }
}

/** Whether the file's live labels are exactly the expected ids; a description of the difference, or null. */
function labelsDiffer(file: ReturnType<typeof parseHnswFile>, expected: Iterable<number>): string | null {
  const live = new Set<number>();
  for (let s = 0; s < file.header.count; s++) if (file.deleted[s] !== 1) live.add(file.labels[s]!);
  let seen = 0;
  let missing = 0;
  for (const id of expected) {
    seen++;
    if (!live.has(id)) missing++;
  }
  if (missing > 0) return `${missing} of the store's ${seen} ids are not labels in the file`;
  if (seen !== live.size) return `the file holds ${live.size} live labels, the store ${seen} ids`;
  return null;
}

/** Spot-checks that the vectors read from the file equal hnswlib's own (first live slot). */
function copyDiffers(native: InstanceType<typeof hnswlib.HierarchicalNSW>, file: ReturnType<typeof parseHnswFile>, dim: number): boolean {
  const v = file.vectors;
  if (!v) return false;
  for (let s = 0; s < file.header.count; s++) {
    if (file.deleted[s] === 1) continue;
    const p = native.getPoint(file.labels[s]!);
    const o = v.offset + s * v.stride;
    for (let j = 0; j < dim; j++) if (p[j] !== v.data[o + j]) return true;
    return false;
  }
  return false;
}
