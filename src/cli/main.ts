#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { ENTITIES } from '../domain/index.js';
import { createServices } from '../services.js';
import { ingestFiles, listCvFiles, summarise } from './ingest-dir.js';
import { serve } from './serve.js';
import { searchCommand } from './search-cmd.js';
import { verifyAudit } from '../audit/index.js';

const USAGE = `Usage: jobmatch <command> [options]

Commands:
  serve                          start the HTTP service (PORT, DATA_DIR … from the environment)
  ingest <dir> [--entity NL|DE|FR] [--upload-date YYYY-MM-DD]
                                 ingest every PDF, DOCX and TXT file under <dir>
  search "<query>" --as <user> [--job <id>] [--must a,b] [--not x,y] [--min-years N] [--max-years N]
         [--languages en,nl] [--location L] [--field F] [--soft] [--limit N] [--json]
                                 rank candidates; creates a draft shortlist like the API does
  reindex                        rebuild the vector indexes from the vectors in the database
  audit verify                   recompute the audit hash chain and name the first broken row
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
      const s = await createServices({ ...config, logLevel: 'warn' });
      try {
        const files = listCvFiles(dir);
        const outcomes = await ingestFiles(s.ingestor, files, { entity: entity.data, uploadDate, progress: process.stderr.isTTY });
        process.stdout.write(summarise(outcomes) + '\n');
        process.exitCode = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
      } finally {
        await s.close();
      }
      return;
    }
    case 'search': {
      const s = await createServices({ ...config, logLevel: 'warn' });
      try {
        const r = await searchCommand(s, rest);
        (r.code === 0 ? process.stdout : process.stderr).write(r.out + '\n');
        process.exitCode = r.code;
      } finally {
        await s.close();
      }
      return;
    }
    case 'reindex': {
      const s = await createServices({ ...config, logLevel: 'warn' });
      try {
        for (const ov of [s.engine.deps.cvs, s.engine.deps.jobs]) {
          await ov.index.compact(() => s.vectors.iterate(ov.kind, s.embedder.id));
          process.stdout.write(`${ov.index.name}: ${ov.index.count} vectors rebuilt from the database\n`);
        }
      } finally {
        await s.close();
      }
      return;
    }
    case 'audit': {
      if (rest[0] !== 'verify') fail('usage: jobmatch audit verify');
      const s = await createServices({ ...config, logLevel: 'warn' });
      try {
        const r = verifyAudit(s.db);
        if (r.ok) process.stdout.write(`audit chain intact: ${r.rows} events\n`);
        else {
          process.stdout.write(`audit chain BROKEN at event ${r.firstBroken}: ${r.reason}\n`);
          process.exitCode = 1;
        }
      } finally {
        await s.close();
      }
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
