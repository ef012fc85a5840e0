/**
 * The real service (startServer) in its own process, for the hardening tests and benches, which
 * kill it with SIGKILL and watch its RSS. Configuration comes from the environment (as for
 * `npm start`); the parent passes DATA_DIR, PORT=0 and the limits it wants.
 *
 *   node --import tsx test/hardening/server-child.ts
 *
 * Extra environment:
 *   HARDENING_USERS  JSON [{ name, role, entities }]: staff users made (or found) at start; a fresh
 *                    token is issued for each on every start.
 *
 * Prints one line `@@hardening-ready <json>` (ReadyInfo) when it listens; everything else on
 * stdout is the service's own pino log. SIGTERM/SIGINT stop it cleanly (indexes saved); SIGUSR2
 * runs a full GC (when started with --expose-gc) and prints `@@hardening-report <json>`
 * (ChildReport: the index/database consistency and the memory after the GC).
 */
import { startServer } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import type { OwnerVectors } from '../../src/search/index.js';
import type { Services } from '../../src/services.js';
import { READY_MARK, REPORT_MARK, type ChildReport, type IndexReport, type IndexReports, type ReadyInfo, type UserSpec } from './lib/protocol.js';

function detail(reason: OwnerVectors['opened']['reason']): string | null {
  if (!reason) return null;
  if (reason.kind === 'manifest-mismatch') return `${reason.field}: expected ${String(reason.expected)}, found ${String(reason.found)}`;
  if (reason.kind === 'checksum-mismatch') return `expected ${reason.expected.slice(0, 16)}, found ${reason.found.slice(0, 16)}`;
  if (reason.kind === 'read-error') return reason.message.slice(0, 200);
  return reason.kind === 'missing' ? reason.file : null;
}

function report(s: Services, ov: OwnerVectors): IndexReport {
  const modelId = ov.index.modelId;
  let missing = 0;
  for (const r of s.vectors.labels(ov.kind, modelId)) if (!ov.index.has(r.id)) missing++;
  return {
    name: ov.index.name,
    status: ov.opened.status,
    reason: ov.opened.reason?.kind ?? null,
    reasonDetail: detail(ov.opened.reason),
    indexCount: ov.index.count,
    dbCount: s.vectors.count(ov.kind, modelId),
    missingInIndex: missing,
    ownersWithoutVectors: s.vectors.ownersWithoutVectors(ov.kind, modelId).length,
  };
}

const reports = (s: Services): IndexReports => ({ cv: report(s, s.engine.deps.cvs), job: report(s, s.engine.deps.jobs) });

async function main(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig({ DEMO_DATA: 'false', HOST: '127.0.0.1', PORT: '0', ...process.env });
  const running = await startServer(config, { demo: false });
  const s = running.services;
  const users = JSON.parse(process.env.HARDENING_USERS ?? '[]') as UserSpec[];
  const tokens: Record<string, string> = {};
  for (const u of users) {
    const user = s.users.byName(u.name) ?? s.users.create(u.name, u.role, u.entities);
    tokens[u.name] = s.users.issueToken(user.id, 'hardening');
  }
  const info: ReadyInfo = {
    url: running.url,
    pid: process.pid,
    startupMs: Math.round(performance.now() - t0),
    tokens,
    candidates: s.candidates.countAll(),
    indexes: reports(s),
  };
  process.stdout.write(`${READY_MARK}${JSON.stringify(info)}\n`);

  process.on('SIGUSR2', () => {
    // Started with --expose-gc by the hardening harness: memory is measured after a full collection.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const report: ChildReport = { indexes: reports(s), memory: { rss, heapUsed, external, arrayBuffers } };
    process.stdout.write(`${REPORT_MARK}${JSON.stringify(report)}\n`);
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
