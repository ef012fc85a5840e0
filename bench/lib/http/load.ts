/**
 * Fills a fresh data folder with n synthetic candidates through the store layer (CandidateRepo.insert
 * and VectorRepo.replace, one transaction per batch), with vectors from the real USE model: a few
 * thousand distinct chunk texts (profileChunks of sample candidates) are embedded once, and each
 * candidate gets 1–5 of its field's chunk vectors, with small noise, re-normalised.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserRepo } from '../../../src/access/index.js';
import type { Entity } from '../../../src/domain/index.js';
import { createUseEmbedder, profileChunks } from '../../../src/embed/index.js';
import { CandidateRepo, VectorRepo, openDb, type ChunkVector } from '../../../src/store/index.js';
import { loadVocabulary } from '../../../src/taxonomy/index.js';
import { createRng, type Rng } from '../prng.js';
import { ConceptLookup, FIELDS, candidates, makeCandidate } from './synthetic.js';

export interface LoadOptions {
  dataDir: string;
  n: number;
  seed: number;
  /** Distinct chunk texts to embed with the real model. */
  texts: number;
  batch: number;
  /** Relative length of the noise added to a drawn chunk vector (0.25 → cosine ≈ 0.97 to the original). */
  noise: number;
  onProgress?: (done: number) => void;
}

export interface LoadStats {
  candidates: number;
  vectors: number;
  chunkTexts: number;
  embedSeconds: number;
  embedTextsPerSec: number;
  loadSeconds: number;
  candidatesPerSec: number;
  dbMiB: number;
  modelId: string;
  byEntity: Record<Entity, number>;
}

/** How many chunk vectors a candidate gets: 1–5, fewer more often (mean 2.25). */
const CHUNK_COUNT_P = [0.35, 0.3, 0.17, 0.11, 0.07];
const KINDS_IN_ORDER: { kind: string; ordinal: number }[] = [
  { kind: 'profile', ordinal: 0 },
  { kind: 'skills', ordinal: 0 },
  { kind: 'role', ordinal: 0 },
  { kind: 'role', ordinal: 1 },
  { kind: 'summary', ordinal: 0 },
];

function chunkCount(rng: Rng): number {
  let r = rng.next();
  for (let i = 0; i < CHUNK_COUNT_P.length; i++) {
    r -= CHUNK_COUNT_P[i]!;
    if (r < 0) return i + 1;
  }
  return CHUNK_COUNT_P.length;
}

function noisy(v: Float32Array, rng: Rng, rel: number): Float32Array {
  const out = new Float32Array(v.length);
  const sigma = rel / Math.sqrt(v.length);
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    out[i] = v[i]! + sigma * rng.gauss();
    s += out[i]! * out[i]!;
  }
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) out[i]! *= inv;
  return out;
}

export async function loadDataset(o: LoadOptions): Promise<LoadStats> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const dbFile = path.join(o.dataDir, 'jobmatch.db');
  const db = openDb(dbFile);
  const vocab = loadVocabulary(fs.existsSync('../shared/data') ? '../shared/data' : null);
  const lookup = new ConceptLookup(vocab);

  // 1. The chunk texts real ingestion would embed, from sample candidates of every field.
  const pool = new Map<string, string[]>(); // `${field}|${kind}` → texts
  const seen = new Set<string>();
  const sampleRng = createRng(o.seed + 1);
  const perField = Math.ceil(o.texts / FIELDS.length);
  const fieldCount = new Map<string, number>();
  for (let i = 0; seen.size < o.texts && i < o.texts * 20; i++) {
    const c = makeCandidate(i, sampleRng, lookup);
    if ((fieldCount.get(c.field) ?? 0) >= perField) continue;
    for (const ch of profileChunks(c.input.profile)) {
      if (seen.has(ch.text) || seen.size >= o.texts) continue;
      seen.add(ch.text);
      fieldCount.set(c.field, (fieldCount.get(c.field) ?? 0) + 1);
      const key = `${c.field}|${ch.kind}`;
      const list = pool.get(key) ?? [];
      list.push(ch.text);
      pool.set(key, list);
    }
  }
  const embedder = await createUseEmbedder();
  const keys = [...pool.keys()];
  const all = keys.flatMap((k) => pool.get(k)!);
  const t0 = performance.now();
  const vecs = await embedder.embed(all, 'passage');
  const embedSeconds = (performance.now() - t0) / 1000;
  const vecPool = new Map<string, Float32Array[]>();
  let at = 0;
  for (const k of keys) {
    const n = pool.get(k)!.length;
    vecPool.set(k, vecs.slice(at, at + n));
    at += n;
  }
  await embedder.close();

  // 2. Candidates and their vectors, one transaction per batch.
  const repo = new CandidateRepo(db);
  const vectors = new VectorRepo(db);
  const rng = createRng(o.seed + 2);
  const byEntity: Record<Entity, number> = { NL: 0, DE: 0, FR: 0 };
  let nVectors = 0;
  const t1 = performance.now();
  const gen = candidates(o.n, o.seed, lookup);
  for (let done = 0; done < o.n; ) {
    const size = Math.min(o.batch, o.n - done);
    db.transaction(() => {
      for (let j = 0; j < size; j++) {
        const c = gen.next().value!;
        const { candidate } = repo.insert(c.input);
        byEntity[candidate.entity]++;
        const chunks: ChunkVector[] = KINDS_IN_ORDER.slice(0, chunkCount(rng)).map(({ kind, ordinal }) => {
          const list = vecPool.get(`${c.field}|${kind}`) ?? vecPool.get(`${c.field}|profile`)!;
          return { chunkKind: kind, ordinal, vector: noisy(list[rng.int(list.length)]!, rng, o.noise) };
        });
        vectors.replace('cv', candidate.id, embedder.id, chunks);
        nVectors += chunks.length;
      }
    })();
    done += size;
    o.onProgress?.(done);
  }
  const loadSeconds = (performance.now() - t1) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    candidates: o.n,
    vectors: nVectors,
    chunkTexts: all.length,
    embedSeconds,
    embedTextsPerSec: all.length / embedSeconds,
    loadSeconds,
    candidatesPerSec: o.n / loadSeconds,
    dbMiB: fs.statSync(dbFile).size / 2 ** 20,
    modelId: embedder.id,
    byEntity,
  };
}

/** A recruiter with a bearer token, written straight into the database before the server starts. */
export function createRecruiter(dataDir: string, name: string, entities: Entity[]): string {
  const db = openDb(path.join(dataDir, 'jobmatch.db'));
  try {
    const users = new UserRepo(db);
    const u = users.create(name, 'recruiter', entities);
    return users.issueToken(u.id, 'bench');
  } finally {
    db.close();
  }
}
