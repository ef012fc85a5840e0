import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults: a parse gets 5–10 s, uploads have a quota per hour and per day, the parser queue and 401s are bounded', () => {
    const c = loadConfig({});
    expect(c.upload.timeoutMs).toBeGreaterThanOrEqual(5_000);
    expect(c.upload.timeoutMs).toBeLessThanOrEqual(10_000);
    expect(c.upload.maxQueued).toBe(16);
    expect(c.uploadQuota).toEqual({ perHour: 300, perDay: 1000 });
    expect(c.authFailuresPerMinute).toBe(60);
    expect(c.logFile).toBeNull();
  });

  it('reads the new settings and refuses bad values, naming the variable', () => {
    const c = loadConfig({ UPLOAD_QUOTA_PER_HOUR: '5', UPLOAD_QUOTA_PER_DAY: '20', PARSE_MAX_QUEUED: '2', AUTH_FAILURES_PER_MINUTE: '7', LOG_FILE: 'x/run.log' });
    expect(c.uploadQuota).toEqual({ perHour: 5, perDay: 20 });
    expect(c.upload.maxQueued).toBe(2);
    expect(c.authFailuresPerMinute).toBe(7);
    expect(c.logFile).toMatch(/\/x\/run\.log$/);
    expect(() => loadConfig({ UPLOAD_QUOTA_PER_HOUR: '0' })).toThrow(/UPLOAD_QUOTA_PER_HOUR/);
    expect(() => loadConfig({ UPLOAD_QUOTA_PER_DAY: 'lots' })).toThrow(/UPLOAD_QUOTA_PER_DAY/);
    expect(() => loadConfig({ PARSE_MAX_QUEUED: '0' })).toThrow(/PARSE_MAX_QUEUED/);
    expect(() => loadConfig({ AUTH_FAILURES_PER_MINUTE: '-1' })).toThrow(/AUTH_FAILURES_PER_MINUTE/);
  });

  it('reads the index compaction share, which the services pass to both vector indexes', async () => {
    expect(loadConfig({}).index.compactShare).toBe(0.2);
    expect(() => loadConfig({ INDEX_COMPACT_SHARE: '0' })).toThrow(/INDEX_COMPACT_SHARE/);
    const { tempServices } = await import('./helpers/services.js');
    const { s, cleanup } = await tempServices({ INDEX_COMPACT_SHARE: '0.35' });
    try {
      expect(s.engine.deps.cvs.index.compactThreshold).toBe(0.35);
      expect(s.engine.deps.jobs.index.compactThreshold).toBe(0.35);
    } finally {
      await cleanup();
    }
  }, 60_000);
});
