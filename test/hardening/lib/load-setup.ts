/** The service under load: started, seeded with fixture CVs and unique uploads, ready for LoadGen. */
import { startChild, type ServerChild } from './child.js';
import { uniqueUpload } from './corpus.js';
import { fixtureSet, STAFF, uploadAll, type FixtureSet } from './fixtures.js';
import { uploadFile } from './http.js';
import { LoadGen } from './load.js';

export interface LoadSetup {
  child: ServerChild;
  fx: FixtureSet;
  gen: LoadGen;
  /** Candidates stored before the traffic starts. */
  seeded: number;
}

export async function loadSetup(o: { dataDir: string; logFile: string; personas: number; extraUploads: number; env?: Record<string, string> }): Promise<LoadSetup> {
  const fx = await fixtureSet(o.personas);
  const child = await startChild({ dataDir: o.dataDir, logFile: o.logFile, users: STAFF, env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '10000000', ...o.env } });
  const ids = await uploadAll(child.url, fx.files);
  for (let i = 0; i < o.extraUploads; i++) {
    const u = uniqueUpload(fx, i);
    const r = await uploadFile(child.url, u.bytes, u.fileName, { entity: u.entity }, undefined, 120_000);
    if (r.status !== 201) throw new Error(`seed upload ${i} answered ${r.status}`);
    ids.push((r.json as { candidate: { id: string } }).candidate.id);
  }
  return { child, fx, gen: new LoadGen(child, fx, ids), seeded: ids.length };
}

export interface MemoryPoint {
  requests: number;
  /** RSS of the service and its parser processes right after a full GC of the service, MiB. */
  rssMiB: number;
  /** The service's live JS heap after that GC, MiB. */
  heapMiB: number;
}

/**
 * Memory after `first` and after `last` requests of closed-loop mixed traffic. Each point is taken
 * after a full GC in the service (its heap otherwise saws up and down by 200 MiB between
 * collections, which says nothing about leaks); the traffic keeps running meanwhile.
 */
export async function memoryAt(setup: LoadSetup, first: number, last: number, concurrency: number): Promise<{ first: MemoryPoint; last: MemoryPoint; ratio: number; seconds: number; errors: number }> {
  const points: Promise<MemoryPoint>[] = [];
  const take = (requests: number): Promise<MemoryPoint> =>
    setup.child.report().then((r) => ({ requests, rssMiB: setup.child.rssMiB() ?? 0, heapMiB: r.memory.heapUsed / 2 ** 20 }));
  const r = await setup.gen.closedLoop(last, concurrency, (n) => {
    if (n >= first && points.length === 0) points.push(take(first));
  });
  points.push(take(last));
  const [a, b] = await Promise.all(points);
  return { first: a!, last: b!, ratio: b!.rssMiB / a!.rssMiB, seconds: r.seconds, errors: r.errors };
}
