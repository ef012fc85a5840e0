/**
 * Times raw pdf-parse 2 (which bundles its own pdf.js 5.4) on the given files, in its own process:
 * pdf.js keeps one global worker per process, so it cannot share a process with our pdf.js 5.6.
 * Prints {"files": n, "s": seconds} as JSON.
 */
import fs from 'node:fs';
import { PDFParse } from 'pdf-parse';

const files = process.argv.slice(2);
async function one(f: string): Promise<void> {
  const p = new PDFParse({ data: new Uint8Array(fs.readFileSync(f)) });
  await p.getText();
  await p.destroy();
}
await one(files[0]!); // warm-up
const t0 = performance.now();
for (const f of files) await one(f);
console.log(JSON.stringify({ files: files.length, s: (performance.now() - t0) / 1000 }));
