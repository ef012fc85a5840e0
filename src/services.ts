import fs from 'node:fs';
import path from 'node:path';
import { UserRepo } from './access/index.js';
import { createAlerts, type Alerts } from './alerts/index.js';
import type { Config } from './config.js';
import { createEmbedder, aggregatorByName, type Embedder } from './embed/index.js';
import { ExtractorPool } from './ingest/extract/index.js';
import { Ingestor } from './ingest/pipeline.js';
import { createLogger, type Logger } from './log.js';
import { Review, isRankingSuspended } from './review/index.js';
import { appendAudit, recordSettings, reviewSettings } from './audit/index.js';
import { Engine, OwnerVectors, type HybridConfig } from './search/index.js';
import { CandidateRepo, KeywordThread, FileStore, JobRepo, SearchRepo, VectorRepo, openDb, type Db } from './store/index.js';
import { loadVocabulary, type Vocabulary } from './taxonomy/index.js';

/** The composition root: every capability wired once, shared by the HTTP server and the CLI. */
export interface Services {
  config: Config;
  log: Logger;
  db: Db;
  files: FileStore;
  candidates: CandidateRepo;
  jobs: JobRepo;
  users: UserRepo;
  vectors: VectorRepo;
  vocab: Vocabulary;
  extractor: ExtractorPool;
  embedder: Embedder;
  engine: Engine;
  ingestor: Ingestor;
  review: Review;
  /** Job alerts: outbox, matcher, sender (its drain timer is started by the HTTP routes, see http/alerts.ts). */
  alerts: Alerts;
  /** Whether automated ranking is suspended for any of these entities (the stop button). */
  suspended(user: { entities: readonly import('./domain/index.js').Entity[] }): boolean;
  readiness(): { ready: boolean; checks: Record<string, boolean> };
  /** Marks start-up work (e.g. loading the demo data) as running or done; /readyz is 503 meanwhile. */
  setStarting(starting: boolean): void;
  close(): Promise<void>;
}

export interface ServiceOptions {
  log?: Logger;
  today?: () => string;
}

/**
 * Ranking settings chosen by measurement on the fixture relevance set (bench/quality.ts; the
 * comparison is in the README): weighted fusion of named parts, chunk scores aggregated by max.
 */
export const DEFAULT_HYBRID: HybridConfig = {
  aggregate: aggregatorByName('max'),
  weights: { semantic: 0.35, keyword: 0.15, skills: 0.35, experience: 0.15 },
  fusion: 'weighted',
  rrfK: 60,
  pool: 200,
  // At 100k CVs 200 chunk hits gave the same top 20 as 800 (overlap 1.000, 60 queries × 2 scopes,
  // bench/search-variants.ts) at a third of the vector and rescoring time.
  vectorChunks: 200,
};

export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const log = opts.log ?? createLogger(config.logLevel, config.logFile);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(path.join(config.dataDir, 'jobmatch.db'));
  const files = new FileStore(path.join(config.dataDir, 'files'));
  const candidates = new CandidateRepo(db);
  const jobs = new JobRepo(db);
  const users = new UserRepo(db);
  const vectors = new VectorRepo(db);
  const vocab = loadVocabulary(fs.existsSync(config.sharedDataDir) ? config.sharedDataDir : null);
  const extractor = new ExtractorPool({ threads: config.upload.threads, limits: config.upload, maxQueued: config.upload.maxQueued });
  const embedder = await createEmbedder(
    { backend: config.embed.backend, modelsDir: config.modelsDir, model: config.embed.model, allowRemote: config.embed.allowRemote, worker: config.embed.worker },
    { cache: { get: (keys) => vectors.cacheGet([...keys]), set: (entries) => vectors.cacheSet(embedder.id, entries) } },
  );
  const indexDir = path.join(config.dataDir, 'index');
  const open = (kind: 'cv' | 'job') => OwnerVectors.open({ kind, repo: vectors, dir: indexDir, modelId: embedder.id, dim: embedder.dimension, ef: config.index.ef, compactShare: config.index.compactShare });
  const [cvs, jobVectors] = [await open('cv'), await open('job')];
  for (const ov of [cvs, jobVectors]) {
    log.info({ index: ov.index.name, status: ov.opened.status, reason: ov.opened.reason?.kind, count: ov.index.count, ms: Math.round(ov.opened.ms) }, 'vector index opened');
  }
  const searchRepo = new SearchRepo(db);
  searchRepo.roster.refresh(); // the in-memory copy search decides eligibility on, loaded before the first search
  // Keyword queries on a worker thread with its own read-only connection (started by the first search).
  const keywordThread = new KeywordThread(path.join(config.dataDir, 'jobmatch.db'));
  searchRepo.useThread(keywordThread);
  const engine = new Engine({ embedder, cvs, jobs: jobVectors, repo: searchRepo, config: DEFAULT_HYBRID });
  // Review, audit and ranking settings that differ from the last recorded ones: a config.changed audit event.
  recordSettings(db, reviewSettings(config, DEFAULT_HYBRID, embedder.id));
  const ingestor = new Ingestor({ candidates, files, extractor, vocab, today: opts.today, afterStore: (c) => engine.indexCandidate(c),
    onInsert: (c) => {
      appendAudit(db, { actor: null, action: 'candidate.created', subject: c.id, data: { entity: c.entity, fileKind: c.fileKind } });
      // The consents ticked at upload, each audited like one given later (same transaction as the rows).
      for (const k of candidates.consents(c.id)) appendAudit(db, { actor: 'candidate', action: 'candidate.consent_given', subject: c.id, data: { purpose: k.purpose, at: 'upload' } });
    },
  });

  // Candidates or jobs stored without vectors (e.g. a crash between commit and embedding) are embedded now.
  for (const id of vectors.ownersWithoutVectors('cv', embedder.id)) {
    const c = candidates.getAny(id);
    if (c) await engine.indexCandidate(c);
  }
  for (const id of vectors.ownersWithoutVectors('job', embedder.id)) {
    const j = jobs.getAny(id);
    if (j) await engine.indexJob(j);
  }
  // Jobs whose alerts were not matched yet (a crash between the job's commit and its matching).
  const alerts = createAlerts({ db, candidates, jobs, vectors, engine, config, log });
  alerts.queuePending();

  // The index is derived data: saving it now and then only shortens the rebuild after a crash.
  // The same upkeep prunes the change feed of erased candidates (store/roster.ts).
  const saver = setInterval(() => {
    engine.save().catch((e: unknown) => log.warn({ err: (e as Error).message }, 'index save failed'));
    searchRepo.roster.pruneChanges();
  }, config.index.saveIntervalMs);
  saver.unref();
  let closed = false;
  let starting = false;
  return {
    config,
    log,
    db,
    files,
    candidates,
    jobs,
    users,
    vectors,
    vocab,
    extractor,
    embedder,
    engine,
    ingestor,
    review: new Review(db, config.review, candidates),
    alerts,
    suspended: (user) => isRankingSuspended(db, user.entities),
    readiness: () => {
      const checks = { database: !closed && db.open, vocabulary: vocab.size > 0, index: !closed, parsers: extractor.healthy, started: !starting };
      return { ready: Object.values(checks).every(Boolean), checks };
    },
    setStarting: (on) => {
      starting = on;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(saver);
      await alerts.close();
      await engine.save();
      await extractor.close();
      await embedder.close();
      await keywordThread.close();
      db.close();
    },
  };
}
