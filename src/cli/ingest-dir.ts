import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { isAppError, type Entity } from '../domain/index.js';
import { tooLarge } from '../ingest/extract/errors.js';
import type { Ingestor } from '../ingest/pipeline.js';

export interface BatchOutcome {
  file: string;
  status: 'ok' | 'duplicate' | 'failed';
  candidateId?: string;
  reason?: string;
}

/**
 * Every regular file of a folder (recursively), whatever its name: the type comes from the bytes
 * on ingest, and a file that is not a CV is reported as failed with its reason, never skipped
 * silently. Hidden files and folders (".DS_Store", ".git") are left out.
 */
export function listCvFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Ingests every file; one bad file never stops the batch. */
export async function ingestFiles(
  ingestor: Ingestor,
  files: string[],
  opts: { entity: Entity; uploadDate?: string; progress?: boolean; /** larger files are reported, not read */ maxBytes?: number },
): Promise<BatchOutcome[]> {
  const bar = opts.progress ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  bar?.start(files.length, 0, { file: '' });
  const outcomes: BatchOutcome[] = [];
  for (const file of files) {
    try {
      // Every file of the folder is taken, so a video or disk image must not be read into memory whole.
      const bytes = fs.statSync(file).size;
      if (opts.maxBytes !== undefined && bytes > opts.maxBytes) throw tooLarge(bytes, opts.maxBytes);
      const buf = fs.readFileSync(file);
      const r = await ingestor.ingest({ buf, fileName: path.basename(file), entity: opts.entity, uploadDate: opts.uploadDate });
      outcomes.push({ file, status: r.created ? 'ok' : 'duplicate', candidateId: r.candidate.id });
    } catch (e) {
      outcomes.push({ file, status: 'failed', reason: isAppError(e) ? `${e.code}: ${e.message}` : `internal: ${(e as Error).message}` });
    }
    bar?.increment(1, { file: path.basename(file).slice(0, 40) });
  }
  bar?.stop();
  return outcomes;
}

export function summarise(outcomes: BatchOutcome[]): string {
  const count = (s: BatchOutcome['status']): number => outcomes.filter((o) => o.status === s).length;
  const lines = [`${outcomes.length} files: ${count('ok')} ok, ${count('duplicate')} already stored, ${count('failed')} failed`];
  for (const o of outcomes) if (o.status === 'failed') lines.push(`  failed  ${o.file}  ${o.reason}`);
  return lines.join('\n');
}
