/**
 * The real server (startServer) in its own process, so the load generator does not share its
 * event loop. Started by server.ts with `--import tsx`; talks over the IPC channel:
 * sends `ready` (URL, start-up time, how the CV index was opened), answers `stats`, obeys `stop`.
 *   node --import tsx bench/lib/http/server-child.ts <dataDir>
 */
import { startServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config.js';
import { CachedEmbedder } from '../../../src/embed/index.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error('usage: forked with an IPC channel, argument <dataDir>');
const send = (m: ChildMessage, then?: () => void): void => {
  process.send!(m, undefined, {}, () => then?.());
};

const t0 = performance.now();
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DEMO_DATA: 'false',
  HOST: '127.0.0.1',
  PORT: '0',
  RATE_LIMIT_PER_MINUTE: '10000000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
});
const running = await startServer(config, { demo: false });
const startupMs = performance.now() - t0;
const cvs = running.services.engine.deps.cvs;
const cpuAtReady = process.cpuUsage();
send({
  type: 'ready',
  url: running.url,
  startupMs,
  index: { status: cvs.opened.status, reason: cvs.opened.reason?.kind ?? null, ms: cvs.opened.ms, count: cvs.index.count, candidates: cvs.candidateCount() },
  rssMiB: process.memoryUsage.rss() / 2 ** 20,
  ef: cvs.index.ef,
});

process.on('message', (raw: unknown) => {
  const m = raw as ParentMessage;
  if (m.type === 'stats') {
    const e = running.services.embedder;
    const cpu = process.cpuUsage(cpuAtReady);
    send({ type: 'stats', cache: e instanceof CachedEmbedder ? { ...e.stats } : null, rssMiB: process.memoryUsage.rss() / 2 ** 20, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000 });
  } else if (m.type === 'stop') {
    const t = performance.now();
    void running.stop().then(() => {
      send({ type: 'stopped', ms: performance.now() - t }, () => process.exit(0));
    });
  }
});
