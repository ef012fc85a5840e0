/** A hand-written SVG line chart (no dependencies): series of (x, y) points, optional log-scale y. */
export interface ChartPoint {
  x: number;
  y: number;
  /** Short text drawn beside the point (e.g. "ef=64"). */
  label?: string;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
  /** Draw markers only, no connecting line. */
  markersOnly?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  yLog?: boolean;
  xLog?: boolean;
  width?: number;
  height?: number;
  xMin?: number;
  xMax?: number;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function lineChart(o: LineChartOptions): string {
  const W = o.width ?? 760;
  const H = o.height ?? 460;
  const m = { l: 74, r: 180, t: 40, b: 52 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const ok = (p: ChartPoint): boolean => Number.isFinite(p.x) && Number.isFinite(p.y) && (!o.yLog || p.y > 0) && (!o.xLog || p.x > 0);
  const all = o.series.flatMap((s) => s.points).filter(ok);
  if (all.length === 0) return svgDoc(W, H, `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no data</text>`);
  const tx = (v: number): number => (o.xLog ? Math.log10(v) : v);
  let x0 = tx(o.xMin ?? Math.min(...all.map((p) => p.x)));
  let x1 = tx(o.xMax ?? Math.max(...all.map((p) => p.x)));
  if (o.xLog) [x0, x1] = [Math.floor(x0), Math.ceil(x1)];
  if (x0 === x1) [x0, x1] = [x0 - 0.5, x1 + 0.5];
  const ty = (v: number): number => (o.yLog ? Math.log10(v) : v);
  let y0 = Math.min(...all.map((p) => ty(p.y)));
  let y1 = Math.max(...all.map((p) => ty(p.y)));
  if (o.yLog) [y0, y1] = [Math.floor(y0), Math.ceil(y1)];
  else {
    const pad = (y1 - y0) * 0.05 || 1;
    [y0, y1] = [Math.max(0, y0 - pad), y1 + pad];
  }
  if (y0 === y1) y1 = y0 + 1;
  const sx = (v: number): number => m.l + ((tx(v) - x0) / (x1 - x0)) * pw;
  const sy = (v: number): number => m.t + ph - ((ty(v) - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<text x="${W / 2 - m.r / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(o.title)}</text>`);
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`);
  for (const t of o.xLog ? range(x0, x1).map((e) => 10 ** e) : niceTicks(x0, x1, 6)) {
    const x = sx(t);
    parts.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${m.t + ph}" stroke="#ddd"/>`);
    parts.push(`<text x="${x}" y="${m.t + ph + 16}" text-anchor="middle" font-size="11">${tickText(t)}</text>`);
  }
  const yTicks = o.yLog ? range(y0, y1).map((e) => 10 ** e) : niceTicks(y0, y1, 6);
  for (const t of yTicks) {
    const y = sy(t);
    parts.push(`<line x1="${m.l}" y1="${y}" x2="${m.l + pw}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${m.l - 6}" y="${y + 4}" text-anchor="end" font-size="11">${tickText(t)}</text>`);
  }
  parts.push(`<text x="${m.l + pw / 2}" y="${H - 12}" text-anchor="middle" font-size="12">${esc(o.xLabel)}${o.xLog ? ' (log)' : ''}</text>`);
  parts.push(
    `<text x="16" y="${m.t + ph / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 16 ${m.t + ph / 2})">${esc(o.yLabel)}${o.yLog ? ' (log)' : ''}</text>`,
  );
  o.series.forEach((s, i) => {
    const c = COLOURS[i % COLOURS.length]!;
    const pts = s.points.filter(ok);
    if (!s.markersOnly && pts.length > 1) {
      const d = pts.map((p, j) => `${j ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/>`);
    }
    for (const p of pts) {
      parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3.5" fill="${c}"/>`);
      if (p.label) {
        parts.push(`<text x="${(sx(p.x) + 5).toFixed(1)}" y="${(sy(p.y) - 5).toFixed(1)}" font-size="10" fill="${c}">${esc(p.label)}</text>`);
      }
    }
    const ly = m.t + 14 + i * 18;
    parts.push(`<rect x="${m.l + pw + 14}" y="${ly - 9}" width="12" height="12" fill="${c}"/>`);
    parts.push(`<text x="${m.l + pw + 32}" y="${ly + 1}" font-size="12">${esc(s.name)}</text>`);
  });
  return svgDoc(W, H, parts.join('\n'));
}

function svgDoc(w: number, h: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body}\n</svg>\n`;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let v = a; v <= b; v++) out.push(v);
  return out;
}

function niceTicks(a: number, b: number, want: number): number[] {
  const raw = (b - a) / want;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function tickText(v: number): string {
  if (Math.abs(v) >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return String(Number(v.toPrecision(4)));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
