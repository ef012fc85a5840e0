import path from 'node:path';
import type { Candidate, Entity, Profile } from '../domain/index.js';
import { FileStore, type CandidateRepo, type ConsentPurpose } from '../store/index.js';
import type { Vocabulary } from '../taxonomy/index.js';
import type { Extracted } from './extract/types.js';
import { extractProfile } from './profile/index.js';

export interface Extractor {
  extract(buf: Uint8Array): Promise<Extracted>;
}

export interface IngestInput {
  buf: Uint8Array;
  fileName: string;
  entity: Entity;
  /** YYYY-MM-DD; defaults to today. "present" in the CV resolves to this date. */
  uploadDate?: string;
  /** Consents given with the upload; default: recruitment (the application itself). */
  consents?: { purpose: ConsentPurpose; wording: string }[];
  /** Called with the extracted profile before anything is stored; throwing refuses the file. */
  check?: (profile: Profile) => void;
}

export const DEFAULT_CONSENT = { purpose: 'recruitment' as const, wording: 'I apply through the agency and agree that recruiters of the agency process my CV to match me with vacancies.' };

export interface IngestResult {
  candidate: Candidate;
  /** false when the same file was already stored for this entity (idempotent re-upload). */
  created: boolean;
  ms: { extract: number; profile: number; store: number };
}

/** Called after a new candidate is stored, e.g. to embed and index it. Runs before the caller is answered. */
export type AfterStore = (c: Candidate, text: string) => Promise<void>;

/** A file name safe to keep and show: no directories, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const clean = base.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/^\.+/, '').trim().slice(0, 200);
  return clean || 'upload';
}

export class Ingestor {
  constructor(
    private readonly deps: {
      candidates: CandidateRepo;
      files: FileStore;
      extractor: Extractor;
      vocab: Vocabulary;
      afterStore?: AfterStore;
      /** Runs inside the insert transaction (the audit event of the upload). */
      onInsert?: (c: Candidate) => void;
      today?: () => string;
    },
  ) {}

  async ingest(input: IngestInput): Promise<IngestResult> {
    const { candidates, files, extractor, vocab } = this.deps;
    const uploadDate = input.uploadDate ?? (this.deps.today ?? (() => new Date().toISOString().slice(0, 10)))();
    const sha = FileStore.sha256(input.buf);
    const known = candidates.findByFile(input.entity, sha);
    if (known) return { candidate: known, created: false, ms: { extract: 0, profile: 0, store: 0 } };
    const t0 = performance.now();
    // A private copy goes to the parser worker (it is transferred there, and the caller's bytes must stay intact).
    const extracted = await extractor.extract(new Uint8Array(input.buf));
    const t1 = performance.now();
    const profile = extractProfile(extracted.text, { uploadDate, vocab });
    const t2 = performance.now();
    input.check?.(profile);
    files.put(input.buf);
    const { candidate, created } = candidates.insert({
      entity: input.entity,
      fileSha256: sha,
      fileKind: extracted.kind,
      fileName: safeFileName(input.fileName),
      fileSize: input.buf.byteLength,
      uploadedAt: `${uploadDate}T${new Date().toISOString().slice(11)}`,
      text: extracted.text,
      profile,
      consents: input.consents ?? [DEFAULT_CONSENT],
    }, this.deps.onInsert);
    if (created && this.deps.afterStore) await this.deps.afterStore(candidate, extracted.text);
    const t3 = performance.now();
    return { candidate, created, ms: { extract: t1 - t0, profile: t2 - t1, store: t3 - t2 } };
  }
}
