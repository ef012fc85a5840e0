/**
 * Numbered migrations. Each runs once, in order, inside a transaction; the applied
 * number is kept in SQLite's user_version. Never edit a released migration: add one.
 */
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
];
