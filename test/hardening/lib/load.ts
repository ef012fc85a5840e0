/**
 * Mixed traffic against a running server child, on loopback: recruiter searches, profile reads,
 * CV uploads and review steps (start a shortlist, open a profile, decide), either open-loop at a
 * fixed rate for a fixed time (latency under a load the machine sustains), or closed-loop for a
 * number of requests (memory after 1,000 vs 10,000 requests).
 */
import http from 'node:http';
import { Rng } from '../../../fixtures/lib/index.js';
import type { ServerChild } from './child.js';
import { uniqueUpload } from './corpus.js';
import type { FixtureSet } from './fixtures.js';
import { bearer, multipart, request, type Reply } from './http.js';

export type Route = 'search' | 'profile read' | 'upload' | 'review: start' | 'review: open profile' | 'review: decide';

export interface RouteStats {
  route: Route;
  count: number;
  errors: number;
  /** Error answers by status (and the first few error bodies). */
  errorStatuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

export interface LoadReport {
  seconds: number;
  requests: number;
  errors: number;
  /** Requests not sent because too many were already waiting (open loop only). */
  skipped: number;
  perSecond: number;
  routes: RouteStats[];
  errorSamples: string[];
}

export const QUERIES = [
  'Java developer with Spring and SQL',
  'senior backend engineer microservices',
  'registered nurse intensive care',
  'data analyst Python SQL dashboards',
  'accountant with audit experience',
  'project manager agile scrum',
  'marketing specialist SEO content',
  'electrician industrial installations',
  'frontend developer React TypeScript',
  'logistics planner warehouse',
  'HR advisor recruitment',
  'mechanical engineer CAD',
  'customer service representative German',
  'DevOps engineer Kubernetes AWS',
  'teacher mathematics secondary school',
  'financial controller IFRS',
];

const EXTRAS = ['in Amsterdam', 'in Berlin', 'in Lyon', 'in Rotterdam', 'in Munich', 'remote', 'part-time', 'with leadership', 'with Excel', 'with English', 'with Dutch', 'with German', 'with French', 'junior', 'senior', 'lead', 'contract', 'hybrid', 'night shifts', 'with a driving licence'];

interface Review {
  id: string;
  candidates: string[];
  started: boolean;
  /** Next candidate index, and whether its profile was opened. */
  next: number;
  opened: boolean;
}

export interface Traffic {
  /** Relative weights of the operations. */
  weights: { search: number; read: number; upload: number; review: number };
}

export const DEFAULT_MIX: Traffic['weights'] = { search: 3, read: 4, upload: 1, review: 2 };

/** The traffic generator's state: known candidate ids, shortlists waiting for review, samples per route. */
export class LoadGen {
  private readonly rng: Rng;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly samples = new Map<Route, number[]>();
  private readonly errors = new Map<Route, Record<string, number>>();
  private readonly errorSamples: string[] = [];
  private readonly reviews: Review[] = [];
  private readonly busy = new Set<Review>();
  private seq: number;
  requests = 0;

  constructor(
    private readonly child: ServerChild,
    private readonly fx: FixtureSet,
    readonly candidateIds: string[],
    private readonly mix: Traffic['weights'] = DEFAULT_MIX,
    seed = 5,
    uploadSeqStart = 1_000_000,
  ) {
    this.rng = Rng.from('load', seed);
    this.seq = uploadSeqStart;
  }

  private token(who: 'h-recruiter' | 'h-reviewer'): string {
    return this.child.ready.tokens[who]!;
  }

  private record(route: Route, r: Reply | null, ms: number, error?: string): void {
    this.requests++;
    const list = this.samples.get(route) ?? [];
    list.push(ms);
    this.samples.set(route, list);
    const ok = r !== null && r.status >= 200 && r.status < 300;
    if (!ok) {
      const e = this.errors.get(route) ?? {};
      const key = r ? String(r.status) : 'no answer';
      e[key] = (e[key] ?? 0) + 1;
      this.errors.set(route, e);
      if (this.errorSamples.length < 10) this.errorSamples.push(`${route}: ${r ? `${r.status} ${r.text.slice(0, 200)}` : error}`);
    }
  }

  private async send(route: Route, method: string, path: string, token: string | undefined, body?: unknown): Promise<Reply | null> {
    const t0 = performance.now();
    try {
      const r = await request(this.child.url, method, path, {
        headers: { ...bearer(token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        agent: this.agent,
        timeoutMs: 60_000,
      });
      this.record(route, r, performance.now() - t0);
      return r;
    } catch (e) {
      this.record(route, null, performance.now() - t0, (e as Error).message);
      return null;
    }
  }

  /** A recruiter query: a role with a place or a second skill, so most queries are new to the embedding cache. */
  private query(): Record<string, unknown> {
    const q = `${this.rng.pick(QUERIES)} ${this.rng.pick(EXTRAS)}`;
    return this.rng.chance(0.2) ? { query: q, filters: { mustHave: [this.rng.pick(['Java', 'SQL', 'Python'])] }, limit: 10 } : { query: q, limit: 10 };
  }

  async search(): Promise<void> {
    const r = await this.send('search', 'POST', '/api/search', this.token('h-recruiter'), this.query());
    const body = r?.json as { shortlistId?: string; items?: Array<{ candidateId: string }> } | undefined;
    // Reviewers keep up with at most 50 waiting shortlists; later drafts are simply left as drafts.
    if (r?.status === 200 && body?.shortlistId && body.items?.length && this.reviews.length < 50) {
      this.reviews.push({ id: body.shortlistId, candidates: body.items.map((i) => i.candidateId), started: false, next: 0, opened: false });
    }
  }

  async read(): Promise<void> {
    if (this.candidateIds.length === 0) return this.search();
    await this.send('profile read', 'GET', `/api/candidates/${this.rng.pick(this.candidateIds)}`, this.token('h-recruiter'));
  }

  async upload(): Promise<void> {
    const u = uniqueUpload(this.fx, this.seq++);
    const m = multipart([['entity', u.entity]], [{ bytes: u.bytes, fileName: u.fileName }]);
    const t0 = performance.now();
    try {
      const r = await request(this.child.url, 'POST', '/api/candidates', { headers: { 'content-type': m.contentType }, body: m.body, agent: this.agent, timeoutMs: 120_000 });
      this.record('upload', r, performance.now() - t0);
      const id = (r.json as { candidate?: { id?: string } } | undefined)?.candidate?.id;
      if (r.status === 201 && id) this.candidateIds.push(id);
    } catch (e) {
      this.record('upload', null, performance.now() - t0, (e as Error).message);
    }
  }

  /** One step of one shortlist's review: start it, open the next profile, or decide on it. */
  async review(): Promise<void> {
    const rv = this.reviews.find((x) => !this.busy.has(x));
    if (!rv) return this.search();
    this.busy.add(rv);
    try {
      const t = this.token('h-reviewer');
      if (!rv.started) {
        const r = await this.send('review: start', 'POST', `/api/shortlists/${rv.id}/start`, t);
        rv.started = r?.status === 200;
        if (!rv.started) this.drop(rv);
        return;
      }
      const cid = rv.candidates[rv.next]!;
      if (!rv.opened) {
        const r = await this.send('review: open profile', 'GET', `/api/shortlists/${rv.id}/candidates/${cid}?part=experience`, t);
        rv.opened = r?.status === 200;
        return;
      }
      const advance = this.rng.chance(0.5);
      await this.send('review: decide', 'POST', `/api/shortlists/${rv.id}/candidates/${cid}/decision`, t, { decision: advance ? 'advance' : 'decline', reason: 'Checked the experience against the role.' });
      rv.next++;
      rv.opened = false;
      if (rv.next >= rv.candidates.length) this.drop(rv);
    } finally {
      this.busy.delete(rv);
    }
  }

  private drop(rv: Review): void {
    const i = this.reviews.indexOf(rv);
    if (i >= 0) this.reviews.splice(i, 1);
  }

  /** One operation drawn from the mix. */
  one(): Promise<void> {
    const { search, read, upload, review } = this.mix;
    let x = this.rng.next() * (search + read + upload + review);
    if ((x -= search) < 0) return this.search();
    if ((x -= read) < 0) return this.read();
    if ((x -= upload) < 0) return this.upload();
    return this.review();
  }

  /** Sends operations at `rate` per second for `seconds` (open loop); at most `maxInFlight` wait at once. */
  async openLoop(rate: number, seconds: number, maxInFlight = 64): Promise<LoadReport> {
    this.reset();
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    const inFlight = new Set<Promise<void>>();
    let skipped = 0;
    let sent = 0;
    while (performance.now() < end) {
      const due = t0 + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sent++;
      if (inFlight.size >= maxInFlight) {
        skipped++;
        continue;
      }
      const p: Promise<void> = this.one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    return this.report((performance.now() - t0) / 1000, skipped);
  }

  /** Runs `count` operations with `concurrency` in flight (closed loop); `at(n)` is called as request n completes. */
  async closedLoop(count: number, concurrency: number, at?: (requests: number) => void): Promise<LoadReport> {
    this.reset();
    const t0 = performance.now();
    let started = 0;
    const worker = async (): Promise<void> => {
      while (started < count) {
        started++;
        await this.one();
        at?.(this.requests);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    return this.report((performance.now() - t0) / 1000, 0);
  }

  private reset(): void {
    this.samples.clear();
    this.errors.clear();
    this.errorSamples.length = 0;
    this.requests = 0;
  }

  private report(seconds: number, skipped: number): LoadReport {
    const routes: RouteStats[] = [];
    for (const [route, list] of this.samples) {
      const sorted = [...list].sort((a, b) => a - b);
      const q = (p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
      const e = this.errors.get(route) ?? {};
      routes.push({ route, count: list.length, errors: Object.values(e).reduce((a, b) => a + b, 0), errorStatuses: e, p50: q(0.5), p99: q(0.99), max: Math.round(sorted[sorted.length - 1] ?? 0), perSecond: list.length / seconds });
    }
    routes.sort((a, b) => b.count - a.count);
    const errors = routes.reduce((n, r) => n + r.errors, 0);
    return { seconds, requests: this.requests, errors, skipped, perSecond: this.requests / seconds, routes, errorSamples: [...this.errorSamples] };
  }

  close(): void {
    this.agent.destroy();
  }
}
