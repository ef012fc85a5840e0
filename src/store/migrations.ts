/**
 * Numbered migrations. Each runs once, in order, inside a transaction; the applied
 * number is kept in SQLite's user_version. Never edit a released migration: add one.
 */
/**
 * Trigger body of the candidate change feed (migration 8): give the candidate the next sequence
 * number. An UPDATE, then an INSERT only when there is no row, so that no statement in the trigger
 * can meet a constraint conflict — SQLite lets the firing statement's conflict clause (e.g. the
 * OR IGNORE of an upsert-like insert) override a trigger's own, which silently dropped changes.
 */
function touchChange(id: string): string {
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return `  UPDATE candidate_changes SET seq = (SELECT max(seq) + 1 FROM candidate_changes), changed_at = ${now} WHERE candidate_id = ${id};
  INSERT INTO candidate_changes SELECT ${id}, (SELECT coalesce(max(seq), 0) + 1 FROM candidate_changes), ${now} WHERE NOT EXISTS (SELECT 1 FROM candidate_changes WHERE candidate_id = ${id});`;
}

/** Insert, update and delete triggers of one table that feed the candidate change feed. */
function changeTriggers(table: string, idColumn: string, updateOf?: string): string {
  const on = (event: string, row: 'NEW' | 'OLD', suffix: string): string =>
    `CREATE TRIGGER ${table}_changed_${suffix} AFTER ${event} ON ${table} BEGIN\n${touchChange(`${row}.${idColumn}`)}\nEND;`;
  return [on('INSERT', 'NEW', 'ins'), on(`UPDATE${updateOf ? ` OF ${updateOf}` : ''}`, 'NEW', 'upd'), on('DELETE', 'OLD', 'del')].join('\n');
}

export const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'candidates, skills, full-text index, vectors',
    sql: `
CREATE TABLE candidates (
  id            TEXT PRIMARY KEY,
  entity        TEXT NOT NULL CHECK (entity IN ('NL','DE','FR')),
  file_sha256   TEXT NOT NULL,
  file_kind     TEXT NOT NULL CHECK (file_kind IN ('pdf','docx','txt')),
  file_name     TEXT NOT NULL,
  file_size     INTEGER NOT NULL,
  uploaded_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  language      TEXT NOT NULL,
  name          TEXT,
  email         TEXT,
  phone         TEXT,
  location      TEXT,
  years_experience REAL NOT NULL DEFAULT 0,
  field_id      TEXT,
  text          TEXT NOT NULL,
  profile_json  TEXT NOT NULL,
  UNIQUE (entity, file_sha256)
);
CREATE INDEX candidates_entity ON candidates(entity);

CREATE TABLE candidate_skills (
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  concept_id   TEXT NOT NULL,
  label        TEXT NOT NULL,
  PRIMARY KEY (candidate_id, concept_id)
);
CREATE INDEX candidate_skills_concept ON candidate_skills(concept_id);

CREATE TABLE candidate_languages (
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  lang         TEXT NOT NULL,
  PRIMARY KEY (candidate_id, lang)
);

-- Keyword search: one row per candidate, rowid-linked through candidate_fts_map.
CREATE VIRTUAL TABLE candidates_fts USING fts5(
  titles, skills, body,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE candidate_fts_map (
  fts_rowid    INTEGER PRIMARY KEY,
  candidate_id TEXT NOT NULL UNIQUE REFERENCES candidates(id) ON DELETE CASCADE
);

-- Vectors: the source of truth for the HNSW index, which is derived and rebuildable.
CREATE TABLE vectors (
  id         INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('cv','job')),
  owner_id   TEXT NOT NULL,
  chunk_kind TEXT NOT NULL,
  ordinal    INTEGER NOT NULL,
  model_id   TEXT NOT NULL,
  dim        INTEGER NOT NULL,
  vector     BLOB NOT NULL
);
CREATE INDEX vectors_owner ON vectors(owner_kind, owner_id);

-- Embedding cache by content hash (model + kind + text).
CREATE TABLE embed_cache (
  key      TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,
  vector   BLOB NOT NULL
);

-- Monotonic change sequence per index name; the index manifest records the last one it saw.
CREATE TABLE change_seq (
  name TEXT PRIMARY KEY,
  seq  INTEGER NOT NULL
);
`,
  },
  {
    id: 2,
    name: 'users, tokens, consent, jobs, shortlists, audit',
    sql: `
CREATE TABLE users (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('recruiter','reviewer','admin','privacy')),
  created_at TEXT NOT NULL
);
-- The controller entities a user works for: its own, or those it processes data for.
CREATE TABLE user_entities (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  entity  TEXT NOT NULL CHECK (entity IN ('NL','DE','FR')),
  PRIMARY KEY (user_id, entity)
);
CREATE TABLE api_tokens (
  hash       TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Consent per candidate and purpose; the newest row per purpose is in force.
CREATE TABLE consents (
  id           INTEGER PRIMARY KEY,
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  purpose      TEXT NOT NULL CHECK (purpose IN ('recruitment','profiling','job_alerts')),
  wording      TEXT NOT NULL,
  given_at     TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX consents_candidate ON consents(candidate_id, purpose);
ALTER TABLE candidates ADD COLUMN objected_at TEXT;

CREATE TABLE jobs (
  id            TEXT PRIMARY KEY,
  entity        TEXT NOT NULL CHECK (entity IN ('NL','DE','FR')),
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  location      TEXT,
  field_id      TEXT,
  min_years     REAL,
  max_years     REAL,
  job_json      TEXT NOT NULL,
  created_by    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX jobs_entity ON jobs(entity);
CREATE VIRTUAL TABLE jobs_fts USING fts5(title, skills, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE job_fts_map (
  fts_rowid INTEGER PRIMARY KEY,
  job_id    TEXT NOT NULL UNIQUE REFERENCES jobs(id) ON DELETE CASCADE
);

CREATE TABLE shortlists (
  id          TEXT PRIMARY KEY,
  entity_scope TEXT NOT NULL,
  job_id      TEXT,
  state       TEXT NOT NULL CHECK (state IN ('draft','in_review','approved','rejected','withdrawn')),
  params_json TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE shortlist_items (
  shortlist_id TEXT NOT NULL REFERENCES shortlists(id) ON DELETE CASCADE,
  candidate_id TEXT NOT NULL,
  engine_rank  INTEGER,
  position     INTEGER NOT NULL,
  score_json   TEXT NOT NULL,
  PRIMARY KEY (shortlist_id, candidate_id)
);

CREATE TABLE audit_events (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT,
  action     TEXT NOT NULL,
  subject    TEXT,
  data_json  TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`,
  },
  {
    id: 3,
    name: 'candidate access tokens, erasure pseudonyms, equality monitoring',
    sql: `
-- A candidate's own access (secret link / token issued at upload), stored hashed.
CREATE TABLE candidate_tokens (
  hash         TEXT PRIMARY KEY,
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL
);
-- After erasure only a pseudonymous id remains (in the audit log and here, to show an erasure happened).
CREATE TABLE erasures (
  pseudonym  TEXT PRIMARY KEY,
  entity     TEXT NOT NULL,
  erased_at  TEXT NOT NULL
);
-- Voluntary equality-monitoring answers: special-category data, stored apart from the profile,
-- read only by the privacy role (privacy/), never by ingest, embed or search.
CREATE TABLE equality_monitoring (
  candidate_id TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
  answers_json TEXT NOT NULL,
  given_at     TEXT NOT NULL
);
`,
  },
  {
    id: 4,
    name: 'review decisions, profile views, entity settings',
    sql: `
CREATE TABLE decisions (
  id           INTEGER PRIMARY KEY,
  shortlist_id TEXT NOT NULL REFERENCES shortlists(id) ON DELETE CASCADE,
  candidate_id TEXT NOT NULL,
  decision     TEXT NOT NULL CHECK (decision IN ('advance','decline')),
  reason       TEXT,
  override     INTEGER NOT NULL DEFAULT 0,
  reviewer_id  TEXT NOT NULL,
  decided_at   TEXT NOT NULL
);
CREATE INDEX decisions_shortlist ON decisions(shortlist_id, candidate_id);
CREATE TABLE profile_views (
  id           INTEGER PRIMARY KEY,
  shortlist_id TEXT,
  candidate_id TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  part         TEXT NOT NULL,
  viewed_at    TEXT NOT NULL
);
CREATE INDEX profile_views_lookup ON profile_views(shortlist_id, candidate_id, user_id);
ALTER TABLE shortlists ADD COLUMN review_started_at TEXT;
ALTER TABLE shortlists ADD COLUMN decided_by TEXT;
ALTER TABLE shortlists ADD COLUMN cut INTEGER;
CREATE TABLE entity_settings (
  entity             TEXT PRIMARY KEY CHECK (entity IN ('NL','DE','FR')),
  ranking_suspended  INTEGER NOT NULL DEFAULT 0,
  updated_by         TEXT,
  updated_at         TEXT
);
`,
  },
  {
    id: 5,
    name: 'job-alert outbox',
    sql: `
-- One alert per candidate and job, queued in the same transaction as the job change that caused it.
CREATE TABLE alert_outbox (
  id           INTEGER PRIMARY KEY,
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  job_id       TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  reasons_json TEXT NOT NULL,
  queued_at    TEXT NOT NULL,
  digest_day   TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_try_at  TEXT,
  sent_at      TEXT,
  message_id   TEXT,
  last_error   TEXT,
  UNIQUE (candidate_id, job_id)
);
CREATE INDEX alert_outbox_pending ON alert_outbox(sent_at, next_try_at);
CREATE TABLE alert_preferences (
  candidate_id TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
  mode         TEXT NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant','daily')),
  daily_cap    INTEGER NOT NULL DEFAULT 5
);
`,
  },
  {
    id: 6,
    name: 'recruitable flag kept by triggers, covering index for search eligibility',
    sql: `
-- Whether the newest recruitment consent is in force, kept by triggers in the same transaction as
-- every consent change, so search eligibility is an indexed column instead of a correlated subquery.
ALTER TABLE candidates ADD COLUMN recruitable INTEGER NOT NULL DEFAULT 0;
UPDATE candidates SET recruitable = coalesce((SELECT k.withdrawn_at IS NULL FROM consents k WHERE k.candidate_id = candidates.id AND k.purpose = 'recruitment' ORDER BY k.id DESC LIMIT 1), 0);
CREATE TRIGGER consents_recruitable_ins AFTER INSERT ON consents WHEN NEW.purpose = 'recruitment' BEGIN
  UPDATE candidates SET recruitable = coalesce((SELECT k.withdrawn_at IS NULL FROM consents k WHERE k.candidate_id = NEW.candidate_id AND k.purpose = 'recruitment' ORDER BY k.id DESC LIMIT 1), 0) WHERE id = NEW.candidate_id;
END;
CREATE TRIGGER consents_recruitable_upd AFTER UPDATE ON consents WHEN NEW.purpose = 'recruitment' BEGIN
  UPDATE candidates SET recruitable = coalesce((SELECT k.withdrawn_at IS NULL FROM consents k WHERE k.candidate_id = NEW.candidate_id AND k.purpose = 'recruitment' ORDER BY k.id DESC LIMIT 1), 0) WHERE id = NEW.candidate_id;
END;
CREATE TRIGGER consents_recruitable_del AFTER DELETE ON consents WHEN OLD.purpose = 'recruitment' BEGIN
  UPDATE candidates SET recruitable = coalesce((SELECT k.withdrawn_at IS NULL FROM consents k WHERE k.candidate_id = OLD.candidate_id AND k.purpose = 'recruitment' ORDER BY k.id DESC LIMIT 1), 0) WHERE id = OLD.candidate_id;
END;
CREATE INDEX candidates_eligible ON candidates(entity, recruitable, objected_at, years_experience, id);
`,
  },
  {
    id: 7,
    name: 'jobs whose alerts are still to be matched',
    sql: `
-- Written in the job's own transaction, removed in the transaction that queues its alerts: a crash
-- in between (while the job is embedded) leaves the marker, and the job is matched later.
CREATE TABLE alert_pending_jobs (
  job_id    TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  marked_at TEXT NOT NULL
);
`,
  },
  {
    id: 8,
    name: 'change feed of the columns search filters on',
    sql: `
-- One row per candidate whose searchable data changed: the newest change's sequence number. The
-- search side keeps an in-memory copy of these columns (store/roster.ts) and re-reads only the
-- candidates whose seq is above the last one it saw. Triggers write it in the same transaction as
-- the change, so no writer (server, CLI, another process) can forget it. (No INSERT OR REPLACE in
-- the triggers: an outer INSERT OR IGNORE would override it, and the change would be lost.)
-- candidate_fts_map is there because the roster maps FTS rowids to candidates for the keyword side.
CREATE TABLE candidate_changes (
  candidate_id TEXT PRIMARY KEY,
  seq          INTEGER NOT NULL,
  changed_at   TEXT NOT NULL
);
CREATE INDEX candidate_changes_seq ON candidate_changes(seq);
${changeTriggers('candidates', 'id', 'entity, recruitable, objected_at, years_experience, field_id, location')}
${changeTriggers('candidate_skills', 'candidate_id')}
${changeTriggers('candidate_languages', 'candidate_id')}
${changeTriggers('candidate_fts_map', 'candidate_id')}
`,
  },
  {
    id: 9,
    name: 'upload quota per caller in hourly buckets',
    sql: `
-- Uploads per caller (user:<id>, or ip:<keyed hash of the client address>) per hour since the Unix
-- epoch (UTC). Kept for the daily window (24 buckets) and pruned after that (store/quota.ts).
CREATE TABLE upload_quota (
  caller  TEXT NOT NULL,
  hour    INTEGER NOT NULL,
  uploads INTEGER NOT NULL,
  PRIMARY KEY (caller, hour)
) WITHOUT ROWID;
CREATE INDEX upload_quota_hour ON upload_quota(hour);
`,
  },
  {
    id: 10,
    name: 'audit chain head and guarded anchor, voided decisions, unranked shortlists, recorded settings',
    sql: `
-- The chain's anchor after a retention purge (audit/retention.ts): it may only point at an existing
-- event and only move forward, and it is never deleted.
CREATE TABLE IF NOT EXISTS audit_anchor (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN SELECT RAISE(ABORT, 'audit anchor cannot be deleted'); END;
CREATE TRIGGER audit_anchor_checked_insert BEFORE INSERT ON audit_anchor
  WHEN NEW.hash IS NOT (SELECT hash FROM audit_events WHERE seq = NEW.seq)
  BEGIN SELECT RAISE(ABORT, 'audit anchor must be an existing event'); END;
CREATE TRIGGER audit_anchor_checked_update BEFORE UPDATE ON audit_anchor
  WHEN NEW.seq <= OLD.seq OR NEW.hash IS NOT (SELECT hash FROM audit_events WHERE seq = NEW.seq)
  BEGIN SELECT RAISE(ABORT, 'audit anchor may only move forward to an existing event'); END;
-- The chain's head (last seq and hash), kept by a trigger in the same transaction as every append,
-- so a cut tail is seen by verification.
CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
INSERT INTO audit_head (id, seq, hash) VALUES (1,
  coalesce((SELECT max(seq) FROM audit_events), (SELECT seq FROM audit_anchor WHERE id = 1), 0),
  coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), (SELECT hash FROM audit_anchor WHERE id = 1), '${'0'.repeat(64)}'));
CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_events BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;
CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head BEGIN SELECT RAISE(ABORT, 'audit head is kept by the log itself'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN SELECT RAISE(ABORT, 'audit head is kept by the log itself'); END;
CREATE TRIGGER audit_head_checked_update BEFORE UPDATE ON audit_head
  WHEN NEW.seq IS NOT (SELECT max(seq) FROM audit_events) OR NEW.hash IS NOT (SELECT hash FROM audit_events WHERE seq = NEW.seq)
  BEGIN SELECT RAISE(ABORT, 'audit head is kept by the log itself'); END;
-- A decision on a candidate later removed from the shortlist no longer counts (kept as history).
ALTER TABLE decisions ADD COLUMN voided_at TEXT;
-- 0 when the shortlist came from a search with ranking suspended (the stop button): no engine ranks.
ALTER TABLE shortlists ADD COLUMN ranked INTEGER NOT NULL DEFAULT 1;
-- The review, audit and ranking settings last recorded in the audit log (config.changed).
CREATE TABLE recorded_settings (id INTEGER PRIMARY KEY CHECK (id = 1), settings_json TEXT NOT NULL, recorded_at TEXT NOT NULL);
`,
  },
  {
    id: 11,
    name: 'audit head only moves forward',
    sql: `
-- Migration 10 let the head follow the highest remaining seq, so a cut tail could be re-headed
-- without touching a trigger; now it may only move forward, as appends move it.
DROP TRIGGER audit_head_checked_update;
CREATE TRIGGER audit_head_checked_update BEFORE UPDATE ON audit_head
  WHEN NEW.seq <= OLD.seq OR NEW.seq IS NOT (SELECT max(seq) FROM audit_events) OR NEW.hash IS NOT (SELECT hash FROM audit_events WHERE seq = NEW.seq)
  BEGIN SELECT RAISE(ABORT, 'audit head is kept by the log itself'); END;
`,
  },
  {
    id: 12,
    name: 'job-alert mail language',
    sql: `
-- The language a candidate chose for their job-alert mails (the site's language); NULL: the CV's.
ALTER TABLE alert_preferences ADD COLUMN language TEXT CHECK (language IN ('en','nl','de','fr'));
`,
  },
];
