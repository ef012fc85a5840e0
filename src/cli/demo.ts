import fs from 'node:fs';
import path from 'node:path';
import { generateFixtures } from '../../fixtures/lib/index.js';
import type { Entity } from '../domain/index.js';
import type { Services } from '../services.js';

const ENTITY_OF: Record<string, Entity> = { nl: 'NL', de: 'DE', fr: 'FR' };

/** Generates the synthetic demo CVs (deterministic) and ingests them, so a new user sees something at once. */
export async function seedDemoData(s: Services): Promise<number> {
  const dir = path.join(s.config.dataDir, 'demo');
  fs.mkdirSync(dir, { recursive: true });
  const truths = await generateFixtures({ outDir: dir, seed: 7, personas: 6 });
  let n = 0;
  for (const [i, t] of truths.entries()) {
    const entity = ENTITY_OF[t.language] ?? (['NL', 'DE', 'FR'] as const)[i % 3]!;
    try {
      const r = await s.ingestor.ingest({ buf: fs.readFileSync(path.join(dir, t.file)), fileName: t.file, entity, uploadDate: t.uploadDate });
      if (r.created) n++;
    } catch (e) {
      s.log.warn({ file: t.file, err: (e as Error).message }, 'demo file not loaded');
    }
  }
  return n;
}
