// Plain-JS entry of a parser process (started by pool.ts; argument: the file URL of worker.ts).
// pdf.js and mammoth are imported natively first, then tsx is registered for our own TypeScript:
// loaded through tsx's hooks, pdf.js alone took the process from 130 to 430 MiB RSS.
import process from 'node:process';

process.setSourceMapsEnabled(false);
await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
await import('mammoth');
const { register } = await import('tsx/esm/api');
register();
process.setSourceMapsEnabled(false);
await import(process.argv[2]);
