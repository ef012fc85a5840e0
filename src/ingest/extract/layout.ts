/**
 * Reading order from text positions (not from the order a PDF happens to store its text).
 *
 * Per region: find a gutter, a vertical band few runs cross (cleanest candidates first). Lines that
 * cross it (a centred name, a contact line, a full-width summary) are rows read in place; between
 * two rows the left column is read, then the right one. A candidate is refused when the crossing
 * rows are scattered through the page (a single column of text), when a side has under three lines,
 * or when the smaller side is a column of labels for the other side's rows (dates beside job
 * titles): short text on the same baselines, in isolated lines or pairs. Columns are searched again
 * inside each column (three-column pages), up to MAX_DEPTH.
 * Inside a column, runs are grouped into lines by baseline, lines read top to bottom, runs left to
 * right, with a space where the gap between runs is wide and a blank line where the gap between
 * lines is large (paragraphs and sections stay visible to the section splitter).
 */

/** One run of text on a page, in PDF user space (y grows upwards, y is the baseline). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  /** Advance width of the run. */
  w: number;
  /** Font height. */
  h: number;
}

interface Line {
  y: number;
  h: number;
  items: TextItem[];
}

const MAX_DEPTH = 2;
/** Pages with more runs than this (no CV has them) are read line by line without column analysis. */
const MAX_LAYOUT_ITEMS = 20_000;
/** A gap wider than this share of the font height between two runs on a line is a space. */
const SPACE_GAP = 0.15;
/** Runs overlapping by more than this share of the font height were placed separately: a space. */
const OVERLAP_GAP = 0.15;
/** The same string drawn again within this share of the font height is a duplicate (fake bold). */
const DUPLICATE_SHIFT = 0.25;
/** Baselines closer than this share of the font height are the same line. */
const SAME_LINE = 0.4;
/** Line steps above this share of the font height (and of the usual step) start a paragraph. */
const PARAGRAPH_STEP = 1.5;
const PARAGRAPH_VS_USUAL = 1.25;
/** A gutter is at least this wide (points, and share of the usual font height). */
const MIN_GUTTER_PT = 6;
const MIN_GUTTER_EM = 0.6;
/** Gutters crossed by up to this share of lines are tried (the crossing lines are full-width rows). */
const MAX_CROSSING_SHARE = 0.5;
/** ... as long as the crossing lines form at most this many blocks (a header, a footer, one between). */
const MAX_CROSSING_BLOCKS = 3;
const MAX_CROSSING_BLOCK_SHARE = 0.05;
/** The columns hold at least this share of the region's characters. */
const MIN_COLUMN_SHARE = 0.4;
/** Narrower regions are not split. */
const MIN_REGION_WIDTH = 100;
/** Gutters are looked for away from the region's edges, by this share of its width. */
const EDGE_MARGIN = 0.1;
/** Each column needs this many lines. */
const MIN_COLUMN_LINES = 3;
/** A narrow side whose lines mostly share baselines with the other side is a table, not a column. */
const TABLE_ALIGNED_SHARE = 0.6;
const TABLE_SIDE_SHARE = 0.25;
const ALIGNED_BASELINE = 0.1;
/** Labels come alone or in pairs ("2019 -" / "Present"); a sidebar has runs of this many lines... */
const RUN_LINES = 3;
/** ... holding at least this share of its lines. */
const SIDEBAR_RUN_SHARE = 0.5;

const right = (it: TextItem): number => it.x + it.w;

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)] ?? 0;
}
const median = (values: number[]): number => quantile(values, 0.5);

export function groupLines(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const it of sorted) {
    if (current && Math.abs(current.y - it.y) <= SAME_LINE * Math.min(current.h, it.h)) {
      current.items.push(it);
      current.h = Math.max(current.h, it.h);
    } else {
      current = { y: it.y, h: it.h, items: [it] };
      lines.push(current);
    }
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** Items come sorted by x: only the kept items just before this one can be its duplicate. */
function isDuplicate(kept: TextItem[], it: TextItem): boolean {
  for (let i = kept.length - 1; i >= 0; i--) {
    const k = kept[i];
    if (!k || it.x - k.x >= DUPLICATE_SHIFT * it.h) return false;
    if (k.str === it.str) return true;
  }
  return false;
}

function lineText(line: Line): string {
  let out = '';
  let prev: TextItem | undefined;
  const kept: TextItem[] = [];
  for (const it of line.items) {
    // Some generators draw a run twice, slightly offset, to fake bold: keep one.
    if (isDuplicate(kept, it)) continue;
    kept.push(it);
    if (prev) {
      const gap = it.x - right(prev);
      const em = Math.min(prev.h, it.h);
      const spaced = /\s$/.test(out) || /^\s/.test(it.str);
      // A large overlap means the runs were placed one by one with unreliable widths: words, too.
      if (!spaced && (gap > SPACE_GAP * em || gap < -OVERLAP_GAP * em)) out += ' ';
    }
    out += it.str;
    prev = it;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Lines top to bottom, with '' marking a paragraph break. */
function readLines(items: TextItem[]): string[] {
  const lines = groupLines(items);
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) steps.push((lines[i - 1]?.y ?? 0) - (lines[i]?.y ?? 0));
  // The usual step between lines of a paragraph: most steps are that, the rest are wider.
  const usual = quantile(steps, 0.25);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev) {
      const step = prev.y - line.y;
      if (step > PARAGRAPH_STEP * Math.max(prev.h, line.h) && step > PARAGRAPH_VS_USUAL * usual) out.push('');
    }
    out.push(lineText(line));
  });
  return out;
}

interface Split {
  rows: Line[];
  left: TextItem[];
  right: TextItem[];
}

/** The widest run of slots in [lo, hi] covered by at most `limit` runs, as [start, end). */
function widestRun(cover: Int32Array, lo: number, hi: number, limit: number): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  for (let i = lo; i <= hi + 1; i++) {
    const open = i <= hi && (cover[i] ?? 0) <= limit;
    if (open && start < 0) start = i;
    if (!open && start >= 0) {
      if (!best || i - start > best[1] - best[0]) best = [start, i];
      start = -1;
    }
  }
  return best;
}

/**
 * Finds two columns: candidate gutters are the widest vertical bands crossed by at most 0, 1, 2, ...
 * runs (cleanest first); the first that splits the region into plausible columns wins.
 */
export function findColumns(items: TextItem[]): Split | null {
  if (items.length < 2 * MIN_COLUMN_LINES || items.length > MAX_LAYOUT_ITEMS) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const it of items) {
    minX = Math.min(minX, it.x);
    maxX = Math.max(maxX, right(it));
  }
  const width = Math.ceil(maxX - minX);
  if (width < MIN_REGION_WIDTH) return null;
  const lines = groupLines(items);
  if (lines.length < MIN_COLUMN_LINES) return null;
  // Runs covering each 1-pt slot, via a difference array.
  const delta = new Int32Array(width + 2);
  for (const it of items) {
    const from = Math.max(0, Math.floor(it.x - minX));
    const to = Math.min(width + 1, Math.ceil(right(it) - minX));
    if (to <= from) continue;
    delta[from] = (delta[from] ?? 0) + 1;
    delta[to] = (delta[to] ?? 0) - 1;
  }
  const cover = new Int32Array(width + 1);
  let running = 0;
  for (let i = 0; i <= width; i++) {
    running += delta[i] ?? 0;
    cover[i] = running;
  }
  const minGap = Math.max(MIN_GUTTER_PT, MIN_GUTTER_EM * median(items.map((it) => it.h)));
  const lo = Math.ceil(width * EDGE_MARGIN);
  const hi = Math.floor(width * (1 - EDGE_MARGIN));
  const tried = new Set<number>();
  for (let limit = 0; limit <= Math.ceil(lines.length * MAX_CROSSING_SHARE); limit++) {
    const run = widestRun(cover, lo, hi, limit);
    if (!run || run[1] - run[0] < minGap) continue;
    const at = minX + (run[0] + run[1]) / 2;
    if (tried.has(at)) continue;
    tried.add(at);
    const split = splitAt(items, lines, at);
    if (split) return split;
  }
  return null;
}

/** The value of an ascending array closest to v (binary search). */
function closest(sorted: number[], v: number): number | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  const a = sorted[lo];
  const b = sorted[lo - 1];
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.abs(a - v) <= Math.abs(b - v) ? a : b;
}

function chars(items: TextItem[]): number {
  return items.reduce((n, it) => n + it.str.trim().length, 0);
}

/** Share of lines that sit in runs of at least RUN_LINES lines without a paragraph gap. */
function shareInRuns(lines: Line[]): number {
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= lines.length; i++) {
    const prev = lines[i - 1];
    const line = lines[i];
    if (prev && line && prev.y - line.y <= PARAGRAPH_STEP * Math.max(prev.h, line.h)) {
      run++;
      continue;
    }
    if (run >= RUN_LINES) inRuns += run;
    run = 1;
  }
  return lines.length ? inRuns / lines.length : 0;
}

/**
 * True when the side with less text is a column of labels for the other side's rows (dates next to
 * job titles, right-aligned or in a left margin): short, on the other side's baselines, and in
 * isolated lines or pairs. A sidebar on the same baseline grid has runs of lines, so it is a column.
 */
function looksLikeTable(left: TextItem[], rightSide: TextItem[]): boolean {
  const [small, large] = chars(left) <= chars(rightSide) ? [left, rightSide] : [rightSide, left];
  if (chars(small) > TABLE_SIDE_SHARE * (chars(small) + chars(large))) return false;
  const smallLines = groupLines(small);
  if (shareInRuns(smallLines) >= SIDEBAR_RUN_SHARE) return false;
  const largeYs = groupLines(large)
    .map((l) => l.y)
    .sort((a, b) => a - b);
  const aligned = smallLines.filter((s) => {
    const near = closest(largeYs, s.y);
    return near !== undefined && Math.abs(near - s.y) <= ALIGNED_BASELINE * s.h;
  }).length;
  return aligned >= TABLE_ALIGNED_SHARE * smallLines.length;
}

/** Runs of consecutive lines (top to bottom) that cross the gutter: a header block counts once. */
function crossingBlocks(lines: Line[], crosses: (it: TextItem) => boolean): number {
  let blocks = 0;
  let inBlock = false;
  for (const line of lines) {
    const crossing = line.items.some(crosses);
    if (crossing && !inBlock) blocks++;
    inBlock = crossing;
  }
  return blocks;
}

function splitAt(items: TextItem[], lines: Line[], at: number): Split | null {
  const crosses = (it: TextItem): boolean => it.x < at && right(it) > at;
  if (crossingBlocks(lines, crosses) > Math.max(MAX_CROSSING_BLOCKS, lines.length * MAX_CROSSING_BLOCK_SHARE)) {
    return null;
  }
  const rows = groupLines(items.filter(crosses));
  const inRow = (it: TextItem): Line | undefined =>
    rows.find((r) => Math.abs(r.y - it.y) <= SAME_LINE * Math.min(r.h, it.h));
  const left: TextItem[] = [];
  const rightSide: TextItem[] = [];
  for (const it of items) {
    if (crosses(it)) continue;
    const row = inRow(it);
    if (row) row.items.push(it);
    else (right(it) <= at ? left : rightSide).push(it);
  }
  for (const row of rows) row.items.sort((a, b) => a.x - b.x);
  if (groupLines(left).length < MIN_COLUMN_LINES || groupLines(rightSide).length < MIN_COLUMN_LINES) return null;
  if (chars(left) + chars(rightSide) < MIN_COLUMN_SHARE * chars(items)) return null;
  if (looksLikeTable(left, rightSide)) return null;
  return { rows, left, right: rightSide };
}

function joinBlocks(blocks: string[][]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(...block);
  }
  return out;
}

function readRegion(items: TextItem[], depth: number): string[] {
  const split = depth < MAX_DEPTH ? findColumns(items) : null;
  if (!split) return readLines(items);
  // Bands between full-width rows, top to bottom: each band is its left column, then its right one.
  const rows = [...split.rows].sort((a, b) => b.y - a.y);
  const blocks: string[][] = [];
  let top = Infinity;
  const band = (side: TextItem[], upper: number, lower: number): TextItem[] =>
    side.filter((it) => it.y < upper && it.y >= lower);
  for (const row of [...rows, undefined]) {
    const lower = row ? row.y : -Infinity;
    blocks.push(readRegion(band(split.left, top, lower), depth + 1));
    blocks.push(readRegion(band(split.right, top, lower), depth + 1));
    if (row) blocks.push([lineText(row)]);
    top = lower;
  }
  return joinBlocks(blocks);
}

/** Text of one page in reading order: lines separated by \n, paragraphs by a blank line. */
export function pageText(raw: TextItem[]): string {
  const withText = raw.filter((it) => it.str.trim().length > 0 && Number.isFinite(it.x) && Number.isFinite(it.y));
  const usualH = median(withText.filter((it) => it.h > 0).map((it) => it.h)) || 10;
  const items = withText.map((it) => (it.h > 0 ? it : { ...it, h: usualH }));
  return readRegion(items, 0).join('\n');
}
