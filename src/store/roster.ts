import type { Entity, Scope } from '../domain/index.js';
import type { Db } from './db.js';

/**
 * The roster: an in-memory copy of the candidate columns search filters on (entity, whether the
 * candidate may be searched at all, years, field, location, spoken languages, skill concepts), so
 * that deciding who is eligible among 100,000 CVs is a scan of plain objects (a few ms) instead of
 * a SQL query that returns every row (p50 29 ms for one entity, 120 ms for all three, at 100k).
 *
 * SQLite stays the source of truth: triggers (migration 8) write the id of every candidate whose
 * searchable data changed, with a rising sequence number, in the same transaction as the change.
 * `refresh()` — called before every selection — reads the highest sequence number (one indexed
 * lookup) and re-reads only the candidates changed since the last refresh, so a withdrawn consent,
 * an objection or an erasure is seen by the very next search, from any process that wrote it.
 */
export interface RosterEntry {
  readonly id: string;
  /** Position in the roster's slot array (stable until the next full load). */
  readonly slot: number;
  entity: Entity;
  /** A recruitment consent in force and no objection to profiling. */
  searchable: boolean;
  years: number;
  fieldId: string | null;
  /** Lower-cased location ('' when unknown). */
  location: string;
  langs: string[];
  /** Interned skill concept numbers, sorted. */
  skills: Int32Array;
  /** Rowid of the CV's full-text row (null while it has none). */
  ftsRowid: number | null;
}

/** The exact conditions the roster evaluates (the full-text ones are resolved by the caller into id sets). */
export interface RosterConditions {
  minYears?: number;
  maxYears?: number;
  /** Skill concept ids every candidate must have. */
  skills?: readonly string[];
  languages?: readonly string[];
  fieldId?: string;
  /** Case-insensitive substring of the location. */
  location?: string;
  /** Only these ids (e.g. a full-text must-have), when given. */
  onlyIds?: ReadonlySet<string>;
  /** Never these ids (e.g. full-text must-not matches). */
  exceptIds?: ReadonlySet<string>;
}

/** Who passed a selection: a bitmap over the roster's slots at the time of the selection. */
export class Selection implements Iterable<string> {
  constructor(
    private readonly byId: ReadonlyMap<string, RosterEntry>,
    private readonly entries: readonly (RosterEntry | undefined)[],
    private readonly bits: Uint8Array,
    private readonly slots: Int32Array,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  has(id: string): boolean {
    const e = this.byId.get(id);
    return e !== undefined && e.slot < this.bits.length && this.bits[e.slot] === 1;
  }

  /** Years of experience of a selected candidate (undefined when not selected). */
  years(id: string): number | undefined {
    return this.has(id) ? this.byId.get(id)!.years : undefined;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const slot of this.slots) {
      const e = this.entries[slot];
      if (e) yield e.id;
    }
  }
}

/** Changes older than this are pruned once their candidate is gone; a reader idle for half of it reloads in full. */
export const CHANGE_RETENTION_MS = 60 * 60 * 1000;

export class Roster {
  private bySlot: (RosterEntry | undefined)[] = [];
  /**
   * The columns every selection reads, per slot, in typed arrays: scanning 100k entry objects
   * cost 2–7 ms in cache misses. searchable 0 = not searchable, or gone.
   */
  private searchable = new Uint8Array(1024);
  private entityCode = new Uint8Array(1024);
  private yearsCol = new Float64Array(1024);
  private readonly entityCodes = new Map<string, number>();
  private byFtsRowid = new Map<number, RosterEntry>();
  /** Slots per skill concept: a must-have skill scans its holders, not the whole roster. */
  private skillSlots = new Map<number, Set<number>>();
  private byId = new Map<string, RosterEntry>();
  private readonly concepts = new Map<string, number>();
  private readonly conceptNames: string[] = [];
  private seq = -1;
  private refreshedAt = 0;
  /** Counters for tests and benches. */
  readonly stats = { fullLoads: 0, partialLoads: 0, rowsReread: 0 };

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Brings the copy up to date with the store (cheap when nothing changed). */
  refresh(): void {
    const max = (this.db.prepare('SELECT coalesce(max(seq), 0) AS m FROM candidate_changes').get() as { m: number }).m;
    const stale = this.now() - this.refreshedAt > CHANGE_RETENTION_MS / 2;
    if (this.seq >= 0 && max === this.seq && !stale) return;
    this.db.transaction(() => {
      const changed =
        this.seq < 0 || stale
          ? null
          : (this.db.prepare('SELECT candidate_id AS id, seq FROM candidate_changes WHERE seq > ? ORDER BY seq').all(this.seq) as { id: string; seq: number }[]);
      if (changed === null || changed.length > 1000 + this.byId.size / 5) this.loadAll();
      else this.reload([...new Set(changed.map((c) => c.id))]);
      this.seq = (this.db.prepare('SELECT coalesce(max(seq), 0) AS m FROM candidate_changes').get() as { m: number }).m;
    })();
    this.refreshedAt = this.now();
  }

  /** Candidates in the scope who may be searched and meet every condition. */
  select(scope: Scope, c: RosterConditions): Selection {
    this.refresh();
    let need: number[] | null = [];
    for (const s of c.skills ?? []) {
      const n = this.concepts.get(s);
      if (n === undefined) need = null;
      else need?.push(n);
    }
    const n = this.bySlot.length;
    const bits = new Uint8Array(n);
    const picked = new Int32Array(n);
    let count = 0;
    if (need === null) return new Selection(this.byId, this.bySlot, bits, picked.subarray(0, 0));
    const inScope = new Uint8Array(256);
    for (const ent of scope.entities) {
      const code = this.entityCodes.get(ent);
      if (code !== undefined) inScope[code] = 1;
    }
    // Conditions in locals, and entry objects read only when a condition needs them.
    const loc = c.location?.toLowerCase() ?? null;
    const minY = c.minYears ?? -Infinity;
    const maxY = c.maxYears ?? Infinity;
    const field = c.fieldId ?? null;
    const langs = c.languages ?? [];
    const only = c.onlyIds ?? null;
    const except = c.exceptIds ?? null;
    const more = loc !== null || field !== null || langs.length > 0 || only !== null || except !== null;
    const { searchable, entityCode, yearsCol, bySlot } = this;
    // With must-have skills, only the holders of the rarest one are visited; the others are
    // checked in their holder sets (entry objects are read only for the remaining conditions).
    const holders: Set<number>[] = [];
    for (const k of need) {
      const h = this.skillSlots.get(k);
      if (!h) return new Selection(this.byId, this.bySlot, bits, picked.subarray(0, 0));
      holders.push(h);
    }
    holders.sort((x, y) => x.size - y.size);
    const visit = holders.shift() ?? null;
    const pass = (i: number): boolean => {
      if (searchable[i] === 0 || inScope[entityCode[i]!] === 0) return false;
      const y = yearsCol[i]!;
      if (y < minY || y > maxY) return false;
      for (const h of holders) if (!h.has(i)) return false;
      if (!more) return true;
      const e = bySlot[i]!;
      if (field !== null && e.fieldId !== field) return false;
      if (loc !== null && !e.location.includes(loc)) return false;
      if (!hasAll(e.langs, langs)) return false;
      if (only !== null && !only.has(e.id)) return false;
      return except === null || !except.has(e.id);
    };
    if (visit) {
      for (const i of visit) if (pass(i)) picked[count++] = i;
    } else {
      for (let i = 0; i < n; i++) if (pass(i)) picked[count++] = i;
    }
    for (let j = 0; j < count; j++) bits[picked[j]!] = 1;
    const chosen = picked.slice(0, count);
    if (visit !== null) chosen.sort();
    return new Selection(this.byId, this.bySlot, bits, chosen);
  }

  /** Skill concept ids of each of these candidates (from the copy; unknown ids get an empty set). */
  skills(ids: readonly string[]): Map<string, Set<string>> {
    this.refresh();
    const out = new Map<string, Set<string>>();
    for (const id of ids) {
      const e = this.byId.get(id);
      out.set(id, new Set(e ? Array.from(e.skills, (n) => this.conceptNames[n]!) : []));
    }
    return out;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The candidate whose full-text row this is (keyword hits come back as FTS rowids). */
  idOfFtsRowid(rowid: number): string | undefined {
    return this.byFtsRowid.get(rowid)?.id;
  }

  /** The change-feed position the copy reflects (rises with every change seen). */
  get version(): number {
    return this.seq;
  }

  /**
   * Deletes change rows of erased candidates older than the retention (run by the server's upkeep).
   * The newest row is always kept, so the highest sequence number never goes down and a new change
   * can never reuse a number a reader has already seen.
   */
  pruneChanges(): number {
    const cutoff = new Date(this.now() - CHANGE_RETENTION_MS).toISOString();
    return this.db
      .prepare(
        `DELETE FROM candidate_changes WHERE changed_at < ? AND candidate_id NOT IN (SELECT id FROM candidates)
         AND seq < (SELECT max(seq) FROM candidate_changes)`,
      )
      .run(cutoff).changes;
  }

  private loadAll(): void {
    this.stats.fullLoads++;
    this.bySlot = [];
    this.byId = new Map();
    // New columns too: selections made before keep the old ones.
    this.searchable = new Uint8Array(this.searchable.length);
    this.entityCode = new Uint8Array(this.entityCode.length);
    this.yearsCol = new Float64Array(this.yearsCol.length);
    this.skillSlots = new Map();
    this.byFtsRowid = new Map();
    const fts = new Map<string, number>();
    for (const [rowid, id] of this.db.prepare('SELECT fts_rowid, candidate_id FROM candidate_fts_map').raw().iterate() as Iterable<[number, string]>) fts.set(id, rowid);
    const langs = new Map<string, string[]>();
    for (const [id, lang] of this.db.prepare('SELECT candidate_id, lang FROM candidate_languages').raw().iterate() as Iterable<[string, string]>) {
      const l = langs.get(id);
      if (l) l.push(lang);
      else langs.set(id, [lang]);
    }
    const skills = new Map<string, number[]>();
    for (const [id, concept] of this.db.prepare('SELECT candidate_id, concept_id FROM candidate_skills').raw().iterate() as Iterable<[string, string]>) {
      const n = this.intern(concept);
      const l = skills.get(id);
      if (l) l.push(n);
      else skills.set(id, [n]);
    }
    const rows = this.db
      .prepare('SELECT id, entity, recruitable = 1 AND objected_at IS NULL, years_experience, field_id, location FROM candidates')
      .raw()
      .iterate() as Iterable<[string, Entity, number, number, string | null, string | null]>;
    for (const r of rows) this.put(r, langs.get(r[0]) ?? [], skills.get(r[0]) ?? [], fts.get(r[0]) ?? null);
  }

  private reload(ids: string[]): void {
    this.stats.partialLoads++;
    this.stats.rowsReread += ids.length;
    const json = JSON.stringify(ids);
    const langs = new Map<string, string[]>();
    for (const [id, lang] of this.db.prepare('SELECT candidate_id, lang FROM candidate_languages WHERE candidate_id IN (SELECT value FROM json_each(?))').raw().all(json) as [string, string][]) {
      langs.set(id, [...(langs.get(id) ?? []), lang]);
    }
    const skills = new Map<string, number[]>();
    for (const [id, concept] of this.db.prepare('SELECT candidate_id, concept_id FROM candidate_skills WHERE candidate_id IN (SELECT value FROM json_each(?))').raw().all(json) as [string, string][]) {
      const l = skills.get(id) ?? [];
      l.push(this.intern(concept));
      skills.set(id, l);
    }
    const fts = new Map<string, number>();
    for (const [rowid, id] of this.db.prepare('SELECT fts_rowid, candidate_id FROM candidate_fts_map WHERE candidate_id IN (SELECT value FROM json_each(?))').raw().all(json) as [number, string][]) fts.set(id, rowid);
    const rows = this.db
      .prepare('SELECT id, entity, recruitable = 1 AND objected_at IS NULL, years_experience, field_id, location FROM candidates WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(json) as [string, Entity, number, number, string | null, string | null][];
    const present = new Set(rows.map((r) => r[0]));
    for (const id of ids) {
      const gone = present.has(id) ? undefined : this.byId.get(id);
      if (!gone) continue;
      this.byId.delete(id);
      this.bySlot[gone.slot] = undefined;
      this.searchable[gone.slot] = 0;
      for (const k of gone.skills) this.skillSlots.get(k)?.delete(gone.slot);
      if (gone.ftsRowid !== null) this.byFtsRowid.delete(gone.ftsRowid);
    }
    for (const r of rows) this.put(r, langs.get(r[0]) ?? [], skills.get(r[0]) ?? [], fts.get(r[0]) ?? null);
  }

  private put(r: [string, Entity, number, number, string | null, string | null], langs: string[], skills: number[], ftsRowid: number | null): void {
    const [id, entity, searchable, years, fieldId, location] = r;
    const fields = { entity, searchable: searchable === 1, years, fieldId, location: (location ?? '').toLowerCase(), langs, skills: Int32Array.from(skills).sort(), ftsRowid };
    let e = this.byId.get(id);
    if (e) {
      for (const k of e.skills) this.skillSlots.get(k)?.delete(e.slot);
      if (e.ftsRowid !== null && this.byFtsRowid.get(e.ftsRowid) === e) this.byFtsRowid.delete(e.ftsRowid);
      Object.assign(e, fields);
    } else {
      e = { id, slot: this.bySlot.length, ...fields };
      this.bySlot.push(e);
      this.byId.set(id, e);
      this.grow(this.bySlot.length);
    }
    let code = this.entityCodes.get(entity);
    if (code === undefined) {
      code = this.entityCodes.size;
      this.entityCodes.set(entity, code);
    }
    this.searchable[e.slot] = e.searchable ? 1 : 0;
    this.entityCode[e.slot] = code;
    this.yearsCol[e.slot] = years;
    if (ftsRowid !== null) this.byFtsRowid.set(ftsRowid, e);
    for (const k of e.skills) {
      const holders = this.skillSlots.get(k);
      if (holders) holders.add(e.slot);
      else this.skillSlots.set(k, new Set([e.slot]));
    }
  }

  private grow(n: number): void {
    if (n <= this.searchable.length) return;
    const cap = Math.max(n, this.searchable.length * 2);
    const searchable = new Uint8Array(cap);
    searchable.set(this.searchable);
    const entityCode = new Uint8Array(cap);
    entityCode.set(this.entityCode);
    const yearsCol = new Float64Array(cap);
    yearsCol.set(this.yearsCol);
    [this.searchable, this.entityCode, this.yearsCol] = [searchable, entityCode, yearsCol];
  }

  private intern(concept: string): number {
    let n = this.concepts.get(concept);
    if (n === undefined) {
      n = this.conceptNames.length;
      this.concepts.set(concept, n);
      this.conceptNames.push(concept);
    }
    return n;
  }
}

function hasAll(have: readonly string[], want: readonly string[]): boolean {
  for (let i = 0; i < want.length; i++) if (!have.includes(want[i]!)) return false;
  return true;
}
