import type { Db } from './db.js';

export type OwnerKind = 'cv' | 'job';

export interface ChunkVector {
  chunkKind: string;
  ordinal: number;
  vector: Float32Array;
}

export interface StoredVector {
  id: number;
  ownerId: string;
  chunkKind: string;
  ordinal: number;
  vector: Float32Array;
}

const toBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
function fromBlob(b: Buffer): Float32Array {
  // Copy into an aligned buffer: SQLite blobs may start at any byte offset.
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export const indexNameOf = (kind: OwnerKind): string => (kind === 'cv' ? 'cv-chunks' : 'jobs');

/**
 * Vectors are the source of truth for the HNSW indexes (which are derived and rebuildable).
 * Every change bumps the index's change sequence, which the index manifest records.
 */
export class VectorRepo {
  constructor(private readonly db: Db) {}

  /** Replaces an owner's vectors; returns the ids removed and the ids added, and the new change sequence. */
  replace(kind: OwnerKind, ownerId: string, modelId: string, chunks: ChunkVector[]): { removed: number[]; added: number[]; seq: number } {
    return this.db.transaction(() => {
      const removed = (this.db.prepare('SELECT id FROM vectors WHERE owner_kind = ? AND owner_id = ?').all(kind, ownerId) as { id: number }[]).map((r) => r.id);
      this.db.prepare('DELETE FROM vectors WHERE owner_kind = ? AND owner_id = ?').run(kind, ownerId);
      const ins = this.db.prepare('INSERT INTO vectors (owner_kind, owner_id, chunk_kind, ordinal, model_id, dim, vector) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const added = chunks.map((c) => Number(ins.run(kind, ownerId, c.chunkKind, c.ordinal, modelId, c.vector.length, toBlob(c.vector)).lastInsertRowid));
      return { removed, added, seq: this.bump(indexNameOf(kind)) };
    })();
  }

  /** Removes an owner's vectors (erasure); returns the removed ids. */
  removeOwner(kind: OwnerKind, ownerId: string): { removed: number[]; seq: number } {
    const r = this.replace(kind, ownerId, '', []);
    return { removed: r.removed, seq: r.seq };
  }

  bump(name: string): number {
    this.db.prepare('INSERT INTO change_seq (name, seq) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET seq = seq + 1').run(name);
    return this.lastSeq(name);
  }

  lastSeq(name: string): number {
    return (this.db.prepare('SELECT seq FROM change_seq WHERE name = ?').get(name) as { seq: number } | undefined)?.seq ?? 0;
  }

  count(kind: OwnerKind, modelId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM vectors WHERE owner_kind = ? AND model_id = ?').get(kind, modelId) as { n: number }).n;
  }

  /** All vectors of one kind and model, paged by id (no statement stays open between pages, so writes may interleave). */
  *iterate(kind: OwnerKind, modelId: string, pageSize = 1000): Generator<{ id: number; vector: Float32Array }> {
    const stmt = this.db.prepare('SELECT id, vector FROM vectors WHERE owner_kind = ? AND model_id = ? AND id > ? ORDER BY id LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = stmt.all(kind, modelId, after, pageSize) as { id: number; vector: Buffer }[];
      for (const r of rows) yield { id: r.id, vector: fromBlob(r.vector) };
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Every vector's owner and chunk, for the in-memory label map of an index. */
  labels(kind: OwnerKind, modelId: string): { id: number; ownerId: string; chunkKind: string; ordinal: number }[] {
    return this.db
      .prepare('SELECT id, owner_id AS ownerId, chunk_kind AS chunkKind, ordinal FROM vectors WHERE owner_kind = ? AND model_id = ? ORDER BY id')
      .all(kind, modelId) as { id: number; ownerId: string; chunkKind: string; ordinal: number }[];
  }

  /** Owners (candidate or job ids) and chunk kinds of vector ids. */
  owners(ids: number[]): Map<number, { ownerId: string; chunkKind: string; ordinal: number }> {
    const out = new Map<number, { ownerId: string; chunkKind: string; ordinal: number }>();
    const stmt = this.db.prepare('SELECT id, owner_id, chunk_kind, ordinal FROM vectors WHERE id = ?');
    for (const id of ids) {
      const r = stmt.get(id) as { id: number; owner_id: string; chunk_kind: string; ordinal: number } | undefined;
      if (r) out.set(id, { ownerId: r.owner_id, chunkKind: r.chunk_kind, ordinal: r.ordinal });
    }
    return out;
  }

  /** Vector ids of the given owners (to turn a candidate filter into an index filter). */
  idsOfOwners(kind: OwnerKind, modelId: string, ownerIds: Iterable<string>): number[] {
    const stmt = this.db.prepare('SELECT id FROM vectors WHERE owner_kind = ? AND model_id = ? AND owner_id = ?');
    const out: number[] = [];
    for (const o of ownerIds) for (const r of stmt.all(kind, modelId, o) as { id: number }[]) out.push(r.id);
    return out;
  }

  ownersWithoutVectors(kind: OwnerKind, modelId: string): string[] {
    const table = kind === 'cv' ? 'candidates' : 'jobs';
    return (
      this.db.prepare(`SELECT t.id FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.owner_kind = ? AND v.owner_id = t.id AND v.model_id = ?)`).all(kind, modelId) as { id: string }[]
    ).map((r) => r.id);
  }

  getVectors(ids: number[]): Map<number, Float32Array> {
    const out = new Map<number, Float32Array>();
    const stmt = this.db.prepare('SELECT vector FROM vectors WHERE id = ?');
    for (const id of ids) {
      const r = stmt.get(id) as { vector: Buffer } | undefined;
      if (r) out.set(id, fromBlob(r.vector));
    }
    return out;
  }

  /** The SQLite-backed embedding cache (content hash → vector). */
  cacheGet(keys: string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    const stmt = this.db.prepare('SELECT vector FROM embed_cache WHERE key = ?');
    for (const k of keys) {
      const r = stmt.get(k) as { vector: Buffer } | undefined;
      if (r) out.set(k, fromBlob(r.vector));
    }
    return out;
  }

  cacheSet(modelId: string, entries: Iterable<readonly [string, Float32Array]>): void {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO embed_cache (key, model_id, vector) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const [k, v] of entries) stmt.run(k, modelId, toBlob(v));
    })();
  }

  /** An owner's stored vectors with their model (for export, recommendations and erasure checks). */
  ofOwner(kind: OwnerKind, ownerId: string): (StoredVector & { modelId: string })[] {
    const rows = this.db
      .prepare('SELECT id, owner_id, chunk_kind, ordinal, model_id, vector FROM vectors WHERE owner_kind = ? AND owner_id = ? ORDER BY id')
      .all(kind, ownerId) as { id: number; owner_id: string; chunk_kind: string; ordinal: number; model_id: string; vector: Buffer }[];
    return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, chunkKind: r.chunk_kind, ordinal: r.ordinal, modelId: r.model_id, vector: fromBlob(r.vector) }));
  }

  /** Drops embedding-cache entries by key (erasure and rectification: no vector of old CV text stays behind). */
  cacheForget(keys: readonly string[]): number {
    const stmt = this.db.prepare('DELETE FROM embed_cache WHERE key = ?');
    return this.db.transaction(() => keys.reduce((n, k) => n + stmt.run(k).changes, 0))();
  }
}
