import fs from 'node:fs';
import path from 'node:path';
import { UserRepo } from './access/index.js';
import type { Config } from './config.js';
import { ExtractorPool } from './ingest/extract/index.js';
import { Ingestor, type AfterStore } from './ingest/pipeline.js';
import { createLogger, type Logger } from './log.js';
import { CandidateRepo, FileStore, openDb, type Db } from './store/index.js';
import { loadVocabulary, type Vocabulary } from './taxonomy/index.js';

/** The composition root: every capability wired once, shared by the HTTP server and the CLI. */
export interface Services {
  config: Config;
  log: Logger;
  db: Db;
  files: FileStore;
  candidates: CandidateRepo;
  users: UserRepo;
  vocab: Vocabulary;
  extractor: ExtractorPool;
  ingestor: Ingestor;
  readiness(): { ready: boolean; checks: Record<string, boolean> };
  close(): Promise<void>;
}

export interface ServiceOptions {
  log?: Logger;
  afterStore?: AfterStore;
  today?: () => string;
}

export function createServices(config: Config, opts: ServiceOptions = {}): Services {
  const log = opts.log ?? createLogger(config.logLevel);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(path.join(config.dataDir, 'jobmatch.db'));
  const files = new FileStore(path.join(config.dataDir, 'files'));
  const candidates = new CandidateRepo(db);
  const users = new UserRepo(db);
  const vocab = loadVocabulary(fs.existsSync(config.sharedDataDir) ? config.sharedDataDir : null);
  const extractor = new ExtractorPool({ threads: config.upload.threads, limits: config.upload });
  const ingestor = new Ingestor({ candidates, files, extractor, vocab, afterStore: opts.afterStore, today: opts.today });
  let closed = false;
  return {
    config,
    log,
    db,
    files,
    candidates,
    users,
    vocab,
    extractor,
    ingestor,
    readiness: () => {
      const checks = { database: !closed && db.open, vocabulary: vocab.size > 0 };
      return { ready: Object.values(checks).every(Boolean), checks };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await extractor.close();
      db.close();
    },
  };
}
