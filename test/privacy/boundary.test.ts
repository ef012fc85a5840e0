import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('special-category data stays in its module', () => {
  it('only src/privacy/ and the migrations name the equality_monitoring table', () => {
    const hits = files('src')
      .filter((f) => fs.readFileSync(f, 'utf8').includes('equality_monitoring'))
      .map((f) => f.split(path.sep).join('/'));
    expect(hits).toContain('src/privacy/equality.ts'); // the check looks in the right place
    expect(hits.filter((f) => !f.startsWith('src/privacy/') && f !== 'src/store/migrations.ts')).toEqual([]);
  });

  it('ingest, embed, index and search never import the privacy module', () => {
    const offenders = ['src/ingest', 'src/embed', 'src/index', 'src/search']
      .flatMap(files)
      .filter((f) => /from '[./]+\/privacy\//.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
