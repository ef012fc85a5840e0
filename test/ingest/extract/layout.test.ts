import { existsSync, readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { extractInProcess } from '../../../src/ingest/extract/index.js';
import { pageText, type TextItem } from '../../../src/ingest/extract/layout.js';
import { LIMITS } from './files.js';
import { readingOrderScore, referenceSections } from './reading-order.js';

const item = (str: string, x: number, y: number, h = 10): TextItem => ({ str, x, y, w: str.length * h * 0.5, h });

/** Lines of text at x, from y downwards, `step` apart. */
const column = (lines: string[], x: number, top: number, step = 12): TextItem[] =>
  lines.map((s, i) => item(s, x, top - i * step));

describe('pageText', () => {
  const left = ['Left one alpha beta gamma', 'left two delta epsilon zeta', 'left three eta theta iota', 'left four kappa lambda mu'];
  const right = ['Right one nu xi', 'right two omicron', 'right three pi rho', 'right four sigma'];

  it('reads two columns column by column, whatever order the items come in', () => {
    const items = [...column(left, 50, 700), ...column(right, 250, 703, 11)];
    const interleaved = items.map((_, i) => items[(i % 2) * 4 + (i >> 1)] as TextItem);
    for (const input of [items, interleaved, [...items].reverse()]) {
      expect(pageText(input)).toBe([...left, '', ...right].join('\n'));
    }
  });

  it('reads a full-width row in place, between column bands', () => {
    const items = [
      item('Full width heading that crosses the gutter line', 50, 760),
      ...column(left, 50, 700),
      ...column(right, 250, 700),
    ];
    expect(pageText(items).split('\n')[0]).toBe('Full width heading that crosses the gutter line');
    expect(pageText(items)).toContain([...left, '', ...right].join('\n'));
  });

  it('reads a full-width header block (name, contact, summary paragraph) before the columns', () => {
    const header = [
      'Jane Roe Senior Data Engineer based in Amsterdam',
      'jane@example.org phone plus thirty one six one two three',
      'Summary line one that runs across the whole page width here',
      'summary line two that also runs across the whole page width',
      'summary line three again running across the whole page too',
      'summary line four and the last one of the full width block',
    ];
    const leftCol = ['Experience', 'Acme data platform lead', 'Built pipelines in Go', 'Beta analytics engineer', 'Ran the Kafka cluster', 'Gamma intern', 'Wrote Python tools', 'Delta trainee'];
    const rightCol = ['Skills', 'Go Kafka Spark', 'Python SQL', 'Languages', 'Dutch English', 'Education', 'MSc TU Delft', 'BSc Leiden'];
    const items = [...column(header, 50, 780), ...column(leftCol, 50, 690, 13), ...column(rightCol, 330, 691, 12)];
    const text = pageText(items);
    expect(text).toContain([...leftCol].join('\n'));
    expect(text).toContain([...rightCol].join('\n'));
    expect(text.indexOf(header[5] as string)).toBeLessThan(text.indexOf('Experience'));
    expect(text.indexOf('Delta trainee')).toBeLessThan(text.indexOf('Skills'));
  });

  it('splits a narrow sidebar that shares the main column\'s baseline grid (runs of lines, not labels)', () => {
    const sidebar = ['Contact', 'jane@example.org', '+31 6 1234', 'Amsterdam', '', 'Skills', 'Go', 'Kafka', 'SQL'];
    const main = [
      'Profile',
      'Data engineer who likes building reliable pipelines and clear',
      'documentation for the teams that depend on them every day.',
      'Happy in small teams and in large programmes alike.',
      '',
      'Experience',
      'Data engineer at Acme from 2019 until now, building streaming',
      'pipelines in Go and Kafka for the payments platform team and',
      'running the on-call rota for the data platform as a whole.',
      'Before that a backend developer at Beta for three years.',
      'Wrote services in Java and Python and owned the CI pipeline.',
    ];
    const onGrid = (lines: string[], x: number): TextItem[] =>
      lines.flatMap((str, i) => (str ? [item(str, x, 700 - i * 13)] : []));
    const text = pageText([...onGrid(sidebar, 40), ...onGrid(main, 200)]);
    expect(text).toContain('Contact\njane@example.org\n+31 6 1234\nAmsterdam');
    expect(text).toContain('Profile\nData engineer who likes building reliable pipelines and clear\ndocumentation');
  });

  it('reads three columns left to right', () => {
    const a = ['alpha one two', 'alpha three four', 'alpha five six', 'alpha seven'];
    const b = ['beta one two', 'beta three four', 'beta five six', 'beta seven'];
    const c = ['gamma one two', 'gamma three four', 'gamma five six', 'gamma seven'];
    const items = [...column(a, 40, 700, 12), ...column(b, 230, 699, 13), ...column(c, 420, 701, 11)];
    expect(pageText(items)).toBe([...a, '', ...b, '', ...c].join('\n'));
  });

  it('does not split a single column with right-aligned dates (a table, not columns)', () => {
    const items: TextItem[] = [];
    const jobs = ['Engineer at Acme', 'Developer at Beta', 'Intern at Gamma', 'Trainee at Delta'];
    jobs.forEach((job, i) => {
      const y = 700 - i * 60;
      items.push(item(job, 50, y), item(`${2020 - i} - ${2021 - i}`, 450, y));
      items.push(item('did things and more things in that role', 60, y - 12), item('and other things too', 60, y - 24));
    });
    const text = pageText(items);
    expect(text).toContain('Engineer at Acme 2020 - 2021');
    expect(text).toContain('Trainee at Delta 2017 - 2018');
  });

  it('does not split a single column of ragged paragraphs and short lines', () => {
    const lines = [
      'Profile',
      'A long first line of a paragraph that goes almost to the right margin of the page',
      'second line, also long, nearly as long as the first line of this paragraph',
      'short end.',
      'Experience',
      'Another paragraph whose first line is long and reaches far to the right side',
      'and a short one.',
      'Skills: Go, Kafka',
      'Python, SQL, and a long list of other things that runs on and on to the right',
    ];
    expect(pageText(column(lines, 50, 700))).toBe(lines.join('\n'));
  });

  it('spaces runs by their gap, not joined, and not doubled', () => {
    const a = item('Hello', 50, 700);
    const close = { ...item('World', 0, 700), x: a.x + a.w + 0.5 };
    const far = { ...item('World', 0, 700), x: a.x + a.w + 4 };
    expect(pageText([a, close])).toBe('HelloWorld');
    expect(pageText([a, far])).toBe('Hello World');
    expect(pageText([item('Hello ', 50, 700), { ...far, str: ' World' }])).toBe('Hello World');
  });

  it('keeps one copy of a run drawn twice (fake bold) and marks paragraph gaps', () => {
    const bold = [item('Title', 50, 700), item('Title', 50.6, 700)];
    const body = [item('first line', 50, 670), item('second line', 50, 658), item('after a gap', 50, 620)];
    expect(pageText([...bold, ...body])).toBe('Title\n\nfirst line\nsecond line\n\nafter a gap');
  });
});

const TEMPLATES = '../shared/data/resume-matcher-samples/layout-templates';
const TWO_COLUMN = ['two-column.pdf', 'two-column-rowmajor.pdf', 'modern-two-column.pdf', 'modern-two-column-rowmajor.pdf'];
const text = async (file: string): Promise<string> =>
  (await extractInProcess(new Uint8Array(readFileSync(`${TEMPLATES}/${file}`)), LIMITS)).text;

/** pdf.js items in file order, as a reader that ignores positions would give them. */
async function fileOrderText(file: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(`${TEMPLATES}/${file}`)), verbosity: 0 }).promise;
  let out = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const it of content.items) if ('str' in it) out += it.str + (it.hasEOL ? '\n' : '');
  }
  await doc.destroy();
  return out;
}

describe.skipIf(!existsSync(TEMPLATES))('reading order on the layout templates', () => {
  it('keeps >= 0.95 of the single-column sentences whole and in order in every two-column template', async () => {
    const reference = referenceSections(await text('single-column.pdf'));
    expect(reference.flat().length).toBeGreaterThanOrEqual(15);
    const figures: string[] = [];
    for (const file of TWO_COLUMN) {
      const ours = readingOrderScore(reference, await text(file));
      const fileOrder = readingOrderScore(reference, await fileOrderText(file));
      figures.push(`${file}: ${ours.score.toFixed(2)} (${ours.inOrder}/${ours.reference}); file order ${fileOrder.score.toFixed(2)}`);
      expect(ours.reference).toBeGreaterThanOrEqual(15);
      expect(ours.score, file).toBeGreaterThanOrEqual(0.95);
    }
    console.log(`reading order (share of reference sentences whole and in order):\n  ${figures.join('\n  ')}`);
  });

  it('the measure catches interleaved columns (file order of the row-major variants scores low)', async () => {
    const reference = referenceSections(await text('single-column.pdf'));
    for (const file of ['two-column-rowmajor.pdf', 'modern-two-column-rowmajor.pdf']) {
      expect(readingOrderScore(reference, await fileOrderText(file)).score).toBeLessThan(0.7);
    }
  });
});
