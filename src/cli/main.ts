#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { ENTITIES } from '../domain/index.js';
import { createServices } from '../services.js';
import { ingestFiles, listCvFiles, summarise } from './ingest-dir.js';
import { serve } from './serve.js';

const USAGE = `Usage: jobmatch <command> [options]

Commands:
  serve                          start the HTTP service (PORT, DATA_DIR … from the environment)
  ingest <dir> [--entity NL|DE|FR] [--upload-date YYYY-MM-DD]
                                 ingest every PDF, DOCX and TXT file under <dir>
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
    default:
      fail(`unknown command "${command}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`jobmatch: ${(e as Error).message}\n`);
  process.exit(1);
});
