// Plain-JS entry of a worker thread (embedding, keyword search) when the sources run as TypeScript (tsx, vitest).
// On Node 20, `--import tsx` registers its hooks only on the main thread, so a worker started
// with execArgv ['--import', 'tsx'] still cannot import .ts; registering here works everywhere.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
