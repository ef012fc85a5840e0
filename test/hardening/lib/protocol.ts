/** What the server child (../server-child.ts) prints for its parent. Types and markers only. */
import type { Entity, Role_ } from '../../../src/domain/index.js';

export const READY_MARK = '@@hardening-ready ';
export const REPORT_MARK = '@@hardening-report ';

export interface UserSpec {
  name: string;
  role: Role_;
  entities: Entity[];
}

/** How one vector index stands against the database. */
export interface IndexReport {
  name: string;
  /** How it was opened at start: loaded from its file, or rebuilt from the stored vectors. */
  status: 'loaded' | 'rebuilt';
  /** Why it was rebuilt (missing, manifest-mismatch, checksum-mismatch, read-error). */
  reason: string | null;
  /** The field or message behind the reason. */
  reasonDetail: string | null;
  /** Live vectors in the index. */
  indexCount: number;
  /** Vectors of this kind and model in SQLite. */
  dbCount: number;
  /** Stored vector ids the index does not hold (should be 0). */
  missingInIndex: number;
  /** Owners (candidates or jobs) without any stored vector (should be 0). */
  ownersWithoutVectors: number;
}

export interface IndexReports {
  cv: IndexReport;
  job: IndexReport;
}

/** What SIGUSR2 makes the child print: its indexes against the database, and its memory after a full GC. */
export interface ChildReport {
  indexes: IndexReports;
  /** process.memoryUsage() of the service process right after a full garbage collection, in bytes. */
  memory: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
}

export interface ReadyInfo {
  url: string;
  pid: number;
  /** From the start of the module to listening (services, index open or rebuild, HTTP). */
  startupMs: number;
  tokens: Record<string, string>;
  candidates: number;
  indexes: IndexReports;
}
