import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';
import { testLogEnv } from './test-logs.js';

/** Real services on a fresh temporary data folder (no demo data; logs into the test run's log folder, see test-logs.ts). */
export async function tempServices(env: Record<string, string> = {}): Promise<{ s: Services; dir: string; config: Config; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-test-'));
  const config = loadConfig({ DATA_DIR: dir, DEMO_DATA: 'false', ...testLogEnv('services'), PORT: '0', EMBED_WORKER: 'false', ...env });
  const s = await createServices(config);
  return {
    s,
    dir,
    config,
    cleanup: async () => {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
