/**
 * Crash rounds: start the service on one data folder, bulk-ingest unique CVs, SIGKILL it at a
 * random moment, restart, and check that nothing acknowledged was lost. Also index corruption:
 * damage the saved index in a chosen way and check it is detected and rebuilt, not trusted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from '../../../fixtures/lib/index.js';
import { processTree, startChild, type ServerChild } from './child.js';
import { uniqueUpload, type Upload } from './corpus.js';
import { dbFacts } from './db.js';
import type { FixtureSet } from './fixtures.js';
import { STAFF } from './fixtures.js';
import { json, uploadFile } from './http.js';
import type { IndexReport } from './protocol.js';

export interface ChildEnv {
  dataDir: string;
  logFile: string;
  env: Record<string, string>;
}

export const start = (c: ChildEnv): Promise<ServerChild> => startChild({ dataDir: c.dataDir, logFile: c.logFile, users: STAFF, env: c.env });

/** Problems of one index against the database, as the child reported them at start. */
export function indexProblems(r: IndexReport): string[] {
  const out: string[] = [];
  if (r.missingInIndex > 0) out.push(`${r.name}: ${r.missingInIndex} stored vectors missing from the index`);
  if (r.indexCount !== r.dbCount) out.push(`${r.name}: index holds ${r.indexCount} vectors, the database ${r.dbCount}`);
  if (r.ownersWithoutVectors > 0) out.push(`${r.name}: ${r.ownersWithoutVectors} owners without vectors`);
  return out;
}

/** Whether a keyword search for the upload's unique word puts that candidate in the top 3. */
export async function searchable(child: ServerChild, token: string, id: string): Promise<boolean> {
  const r = await json(child.url, 'POST', '/api/search', child.ready.tokens['h-recruiter'], { query: token, limit: 3 }, 60_000);
  const items = (r.json as { items?: Array<{ candidate?: { id?: string } | null }> } | undefined)?.items ?? [];
  return r.status === 200 && items.some((it) => it.candidate?.id === id);
}

/** Checks after a (re)start: index against database, audit chain, stored files, and the acknowledged uploads. */
export async function checkAfterStart(child: ServerChild, dataDir: string, acknowledged: ReadonlyMap<string, string>, searchIds: readonly string[]): Promise<string[]> {
  const problems = [...indexProblems(child.ready.indexes.cv), ...indexProblems(child.ready.indexes.job)];
  const facts = dbFacts(dataDir, { checkFiles: true });
  if (!facts.audit.ok) problems.push(`audit chain broken at ${facts.audit.firstBroken}: ${facts.audit.reason}`);
  if (facts.withoutAuditEvent.length) problems.push(`${facts.withoutAuditEvent.length} candidates without their audit event`);
  if (facts.badFiles.length) problems.push(`${facts.badFiles.length} candidates whose stored file is missing or damaged`);
  const lost = [...acknowledged.keys()].filter((id) => !facts.candidateIds.has(id));
  if (lost.length) problems.push(`${lost.length} acknowledged uploads lost: ${lost.slice(0, 5).join(', ')}`);
  for (const id of searchIds) {
    const got = await json(child.url, 'GET', `/api/candidates/${id}`, child.ready.tokens['h-recruiter']);
    if (got.status !== 200) problems.push(`${id}: GET answered ${got.status}`);
    if (!(await searchable(child, acknowledged.get(id)!, id))) problems.push(`${id} (${acknowledged.get(id)}) not found by search`);
  }
  return problems;
}

export interface KillRound {
  round: number;
  /** 'ingest': killed during a bulk ingest; 'startup': killed while starting (index open or rebuild). */
  phase: 'ingest' | 'startup';
  killAfterMs: number;
  sent: number;
  created: number;
  /** Requests cut off by the kill (no answer). */
  cut: number;
  /** Answers other than 201 before the kill. */
  otherAnswers: Record<string, number>;
  /** How the index was opened at the restart, and why it was rebuilt. */
  restart: { cv: string; job: string; ms: number };
  /** Temporary files left in the data folder by interrupted writes (index saves, file store). */
  tempFiles: number;
  orphans: number;
  problems: string[];
}

export interface KillOptions {
  rounds: number;
  seed: number;
  /** Uploads in flight at once. */
  concurrency: number;
  /** Kill between these many ms after the ingest started. */
  killWindowMs: [number, number];
  /** Every n-th round kills during start-up instead (0: never). */
  startupKillEvery: number;
  onRound?: (r: KillRound) => void;
}

const describeOpen = (r: IndexReport): string => (r.status === 'loaded' ? 'loaded' : `rebuilt (${r.reason}${r.reasonDetail ? `: ${r.reasonDetail}` : ''})`);

/** Files named like an interrupted atomic write (`*.tmp-…`, `*.tmp`) anywhere in the data folder. */
export function tempFiles(dataDir: string): string[] {
  return (fs.readdirSync(dataDir, { recursive: true }) as string[]).filter((f) => /\.tmp(-|$)/.test(path.basename(f)));
}

/** Parser processes of a killed service must not outlive it. */
async function orphansOf(pids: number[]): Promise<number> {
  await new Promise((r) => setTimeout(r, 1500));
  return pids.filter((p) => fs.existsSync(`/proc/${p}`) && !fs.readFileSync(`/proc/${p}/stat`, 'utf8').includes(') Z ')).length;
}

export interface KillState {
  /** Candidate id → its unique word, for every 201 answer seen so far. */
  acknowledged: Map<string, string>;
  seq: number;
}

export async function killRounds(c: ChildEnv, fx: FixtureSet, o: KillOptions, state: KillState = { acknowledged: new Map(), seq: 0 }): Promise<{ rounds: KillRound[]; state: KillState; child: ServerChild }> {
  const rng = Rng.from('faults', o.seed);
  const rounds: KillRound[] = [];
  let child = await start(c);
  for (let round = 1; round <= o.rounds; round++) {
    const startup = o.startupKillEvery > 0 && round % o.startupKillEvery === 0;
    const killAfterMs = rng.int(o.killWindowMs[0], o.killWindowMs[1]);
    const r: KillRound = { round, phase: startup ? 'startup' : 'ingest', killAfterMs, sent: 0, created: 0, cut: 0, otherAnswers: {}, restart: { cv: '', job: '', ms: 0 }, tempFiles: 0, orphans: 0, problems: [] };
    const fresh: string[] = [];
    if (startup) {
      // Kill the running service, then kill its successor while it opens (or rebuilds) the index.
      await child.kill9();
      let pid = 0;
      const starting = startChild({ dataDir: c.dataDir, logFile: c.logFile, users: STAFF, env: c.env, onSpawn: (p) => (pid = p) }).catch(() => null);
      // Start-up takes about 2 s on an idle machine: kill somewhere inside it.
      r.killAfterMs = 200 + (killAfterMs % 1800);
      await new Promise((res) => setTimeout(res, r.killAfterMs));
      const tree = pid ? processTree(pid) : [];
      if (pid) process.kill(pid, 'SIGKILL');
      const s = await starting;
      if (s) await s.kill9();
      r.orphans = await orphansOf(tree.slice(1));
    } else {
      const stopAt = performance.now() + killAfterMs;
      let killed = false;
      const worker = async (): Promise<void> => {
        while (!killed) {
          const u: Upload = uniqueUpload(fx, state.seq++);
          r.sent++;
          try {
            const res = await uploadFile(child.url, u.bytes, u.fileName, { entity: u.entity }, undefined, 120_000);
            if (res.status === 201) {
              const id = (res.json as { candidate: { id: string } }).candidate.id;
              state.acknowledged.set(id, u.token);
              fresh.push(id);
              r.created++;
            } else r.otherAnswers[res.status] = (r.otherAnswers[res.status] ?? 0) + 1;
          } catch {
            r.cut++;
          }
        }
      };
      const workers = Array.from({ length: o.concurrency }, () => worker());
      await new Promise((res) => setTimeout(res, Math.max(0, stopAt - performance.now())));
      killed = true;
      const tree = processTree(child.pid);
      await child.kill9();
      await Promise.all(workers);
      r.orphans = await orphansOf(tree.slice(1));
    }
    const t0 = performance.now();
    child = await start(c);
    r.restart = { cv: describeOpen(child.ready.indexes.cv), job: describeOpen(child.ready.indexes.job), ms: Math.round(performance.now() - t0) };
    r.problems = await checkAfterStart(child, c.dataDir, state.acknowledged, fresh);
    r.tempFiles = tempFiles(c.dataDir).length;
    if (r.orphans) r.problems.push(`${r.orphans} parser processes outlived the killed service`);
    rounds.push(r);
    o.onRound?.(r);
  }
  return { rounds, state, child };
}

export type Corruption = 'flip-bytes' | 'truncate' | 'manifest-garbage' | 'manifest-count' | 'delete-index' | 'forged-checksum-vector' | 'forged-checksum-labels';

export interface CorruptionResult {
  corruption: Corruption;
  /** How the cv index was opened after the damage. */
  opened: string;
  rebuilt: boolean;
  problems: string[];
}

/** Damages the saved cv index of a stopped service in one way. */
export function corrupt(dataDir: string, how: Corruption): void {
  const dir = path.join(dataDir, 'index');
  const file = path.join(dir, 'cv-chunks.hnsw');
  const manifest = path.join(dir, 'cv-chunks.manifest.json');
  const buf = fs.readFileSync(file);
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
  const forge = (b: Buffer): void => {
    fs.writeFileSync(file, b);
    const sha = createHash('sha256').update(b).digest('hex');
    fs.writeFileSync(manifest, JSON.stringify({ ...m, checksum: sha, bytes: b.byteLength }));
  };
  // hnswlib layout: a 96-byte header, then per element [links][vector][label u64].
  const sizePer = Number(buf.readBigUInt64LE(24));
  const labelOffset = Number(buf.readBigUInt64LE(32));
  const dataOffset = Number(buf.readBigUInt64LE(40));
  switch (how) {
    case 'flip-bytes': {
      const b = Buffer.from(buf);
      for (let i = 0; i < 64; i++) b[Math.floor(b.byteLength / 2) + i * 7]! ^= 0xff;
      fs.writeFileSync(file, b);
      return;
    }
    case 'truncate':
      fs.writeFileSync(file, buf.subarray(0, Math.floor(buf.byteLength * 0.6)));
      return;
    case 'manifest-garbage':
      fs.writeFileSync(manifest, '{"version": 1, "name": "cv-chunks", "count": ');
      return;
    case 'manifest-count':
      fs.writeFileSync(manifest, JSON.stringify({ ...m, count: Number(m.count) + 1 }));
      return;
    case 'delete-index':
      fs.rmSync(file);
      return;
    case 'forged-checksum-vector': {
      // A vector value changed and the manifest forged to match: only a deeper check can tell.
      const b = Buffer.from(buf);
      b.writeFloatLE(1e30, 96 + dataOffset);
      forge(b);
      return;
    }
    case 'forged-checksum-labels': {
      // Every label moved to an id the database does not have, checksum forged to match.
      const b = Buffer.from(buf);
      const count = Number(b.readBigUInt64LE(16));
      for (let s = 0; s < count; s++) b.writeBigUInt64LE(BigInt(9_000_000 + s), 96 + s * sizePer + labelOffset);
      forge(b);
      return;
    }
  }
}


/** For each damage: stop cleanly (index saved), damage, start, check it was rebuilt and all is well. */
export async function corruptionRounds(c: ChildEnv, child: ServerChild, state: KillState, kinds: readonly Corruption[], onResult?: (r: CorruptionResult) => void): Promise<{ results: CorruptionResult[]; child: ServerChild; cleanRestart: string }> {
  // A clean stop saves the index; the next start must load it (rebuilding every time would hide bugs).
  await child.stop();
  child = await start(c);
  const cleanRestart = describeOpen(child.ready.indexes.cv);
  const sample = [...state.acknowledged.keys()].slice(-3);
  const results: CorruptionResult[] = [];
  for (const how of kinds) {
    await child.stop();
    corrupt(c.dataDir, how);
    child = await start(c);
    const cv = child.ready.indexes.cv;
    const problems = await checkAfterStart(child, c.dataDir, state.acknowledged, sample);
    const r: CorruptionResult = { corruption: how, opened: describeOpen(cv), rebuilt: cv.status === 'rebuilt', problems };
    results.push(r);
    onResult?.(r);
  }
  return { results, child, cleanRestart };
}
