#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { ENTITIES } from '../domain/index.js';
import { createServices, type Services } from '../services.js';
import { ingestFiles, listCvFiles, summarise } from './ingest-dir.js';
import { serve } from './serve.js';
import { searchCommand } from './search-cmd.js';
import { purgeAudit, verifyAudit } from '../audit/index.js';
import { biasReport } from '../privacy/bias.js';

const USAGE = `Usage: jobmatch <command> [options]

Commands:
  serve                          start the HTTP service (PORT, DATA_DIR … from the environment)
  ingest <dir> [--entity NL|DE|FR] [--upload-date YYYY-MM-DD]
                                 ingest every PDF, DOCX and TXT file under <dir>
  search "<query>" --as <user> [--job <id>] [--must a,b] [--not x,y] [--min-years N] [--max-years N]
         [--languages en,nl] [--location L] [--field F] [--soft] [--limit N] [--json]
                                 rank candidates; creates a draft shortlist like the API does
  reindex                        rebuild the vector indexes from the vectors in the database
  audit verify [--head S:H]      recompute the audit hash chain and name the first broken row (rows cut
                                 from either end included); prints the head to note elsewhere, --head checks one
  audit purge                    remove events older than AUDIT_RETENTION_DAYS (keeps the chain verifiable)
  bias-report --job <id> --as <privacy user> [--k 10] [--json]
                                 selection rates per group and stage, impact ratios, four-fifths flags
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`jobmatch: ${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    fail((e as Error).message);
  }
  const cfg = config;
  const withServices = async (fn: (s: Services) => Promise<void> | void): Promise<void> => {
    const s = await createServices({ ...cfg, logLevel: 'warn' });
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };
  switch (command) {
    case 'serve':
      await serve(config);
      return;
    case 'ingest': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { entity: { type: 'string', default: 'NL' }, 'upload-date': { type: 'string' } } });
      const entity = z.enum(ENTITIES).safeParse(values.entity);
      if (!entity.success) fail(`--entity must be one of ${ENTITIES.join(', ')}`);
      const uploadDate = values['upload-date'];
      if (uploadDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(uploadDate)) fail('--upload-date must be YYYY-MM-DD');
      const dir = positionals[0];
      if (!dir) fail('ingest needs a folder: jobmatch ingest <dir>');
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(`not a folder: ${dir}`);
      await withServices(async (s) => {
        const files = listCvFiles(dir);
        const outcomes = await ingestFiles(s.ingestor, files, { entity: entity.data, uploadDate, progress: process.stderr.isTTY, maxBytes: s.config.upload.maxBytes });
        process.stdout.write(summarise(outcomes) + '\n');
        process.exitCode = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
      });
      return;
    }
    case 'search': {
      await withServices(async (s) => {
        const r = await searchCommand(s, rest);
        (r.code === 0 ? process.stdout : process.stderr).write(r.out + '\n');
        process.exitCode = r.code;
      });
      return;
    }
    case 'reindex': {
      await withServices(async (s) => {
        for (const ov of [s.engine.deps.cvs, s.engine.deps.jobs]) {
          await ov.index.compact(() => s.vectors.iterate(ov.kind, s.embedder.id));
          process.stdout.write(`${ov.index.name}: ${ov.index.count} vectors rebuilt from the database\n`);
        }
      });
      return;
    }
    case 'audit': {
      if (rest[0] !== 'verify' && rest[0] !== 'purge') fail('usage: jobmatch audit verify [--head <seq>:<hash>] | audit purge');
      const { values } = parseArgs({ args: rest.slice(1), options: { head: { type: 'string' } } });
      const noted = values.head?.match(/^(\d+):([0-9a-f]{64})$/);
      if (values.head !== undefined && !noted) fail('--head must be <seq>:<64 hex digits>, as printed by an earlier audit verify');
      await withServices(async (s) => {
        if (rest[0] === 'purge') {
          const p = purgeAudit(s.db, config.auditRetentionDays);
          process.stdout.write(`removed ${p.removed} events older than ${config.auditRetentionDays} days\n`);
          return;
        }
        const r = verifyAudit(s.db, noted ? { expectHead: { seq: Number(noted[1]), hash: noted[2]! } } : {});
        if (r.ok) process.stdout.write(`audit chain intact: ${r.rows} events\nhead ${r.head.seq}:${r.head.hash} (note it elsewhere; check later with --head)\n`);
        else {
          process.stdout.write(`audit chain BROKEN at event ${r.firstBroken}: ${r.reason}\n`);
          process.exitCode = 1;
        }
      });
      return;
    }
    case 'bias-report': {
      const { values } = parseArgs({ args: rest, options: { job: { type: 'string' }, as: { type: 'string' }, k: { type: 'string', default: '10' }, json: { type: 'boolean' } } });
      const { job, as } = values;
      if (!job || !as) fail('usage: jobmatch bias-report --job <id> --as <privacy user> [--k 10] [--json]');
      const k = Number(values.k);
      if (!Number.isInteger(k) || k < 1) fail('--k must be a whole number ≥ 1');
      await withServices(async (s) => {
        const user = s.users.byName(as);
        if (!user || user.role !== 'privacy') fail(`${as} is not a privacy officer; only the privacy role reads equality data`);
        const r = biasReport(s.db, { jobId: job, entities: user.entities, k });
        if (!r) fail(`no such job in your entities: ${job}`);
        if (values.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else {
          process.stdout.write(`bias report for job ${r.jobId} (${r.entity}), population ${r.population}, top k = ${r.k}\n`);
          process.stdout.write(`${'group'.padEnd(44)} ${'n'.padStart(5)}  ranked  advanced  approved  impact(r/a/ap)     flags\n`);
          for (const g of r.groups) {
            if (g.suppressed) {
              process.stdout.write(`${g.group.padEnd(44)} ${String(g.n).padStart(5)}  (suppressed: fewer than ${r.rules.minGroupSize} people or ${r.rules.minGroupShare * 100}%)\n`);
              continue;
            }
            const f = (x: number | null | undefined) => (x === null || x === undefined ? '  –  ' : x.toFixed(2));
            process.stdout.write(`${g.group.padEnd(44)} ${String(g.n).padStart(5)}  ${f(g.rate!.ranked)}    ${f(g.rate!.advanced)}      ${f(g.rate!.approved)}      ${f(g.impactRatio!.ranked)}/${f(g.impactRatio!.advanced)}/${f(g.impactRatio!.approved)}  ${g.flagged.join(',')}\n`);
          }
        }
      });
      return;
    }
    default:
      fail(`unknown command "${command}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`jobmatch: ${(e as Error).message}\n`);
  process.exit(1);
});
