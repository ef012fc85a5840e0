import type { Config } from '../config.js';
import type { Db } from '../store/index.js';
import { appendAudit } from './log.js';

/** A setting's dotted name and its value, e.g. `review.cut` → 10. */
export type Settings = Record<string, string | number | boolean | null>;

function flatten(value: unknown, prefix: string, out: Settings): Settings {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    out[prefix] = value;
  } else if (Array.isArray(value)) {
    out[prefix] = JSON.stringify(value);
  } // functions (e.g. the chunk aggregator) and undefined are left out
  return out;
}

/**
 * The settings that shape ranking and human review, as audited: the review gate's rules, audit
 * retention, the ranking weights and fusion, the index's query breadth and the embedding model.
 */
export function reviewSettings(config: Config, ranking: unknown, embedderId: string): Settings {
  return flatten({ review: config.review, audit: { retentionDays: config.auditRetentionDays }, ranking, index: { ef: config.index.ef }, embedder: embedderId }, '', {});
}

/**
 * Called at start-up: when the settings differ from the ones last recorded (or none were), writes a
 * `config.changed` event naming each changed setting with its old and new value, and records the
 * new ones, in one transaction. Returns the names of the changed settings.
 */
export function recordSettings(db: Db, settings: Settings, now: () => string = () => new Date().toISOString()): string[] {
  return db.transaction(() => {
    const row = db.prepare('SELECT settings_json FROM recorded_settings WHERE id = 1').get() as { settings_json: string } | undefined;
    const before = row ? (JSON.parse(row.settings_json) as Settings) : null;
    const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(settings)])].sort();
    const changed = names.filter((k) => before === null || before[k] !== settings[k]);
    if (before !== null && changed.length === 0) return [];
    const changes = Object.fromEntries(changed.map((k) => [k, { from: before?.[k] ?? null, to: settings[k] ?? null }]));
    appendAudit(db, { actor: null, action: 'config.changed', data: { first: before === null, changes } }, now);
    db.prepare('INSERT INTO recorded_settings (id, settings_json, recorded_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET settings_json = excluded.settings_json, recorded_at = excluded.recorded_at').run(JSON.stringify(settings), now());
    return changed;
  })();
}
