import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSENT } from '../../src/ingest/pipeline.js';
import { CONSENT_PURPOSES, CONSENT_WORDING } from '../../src/privacy/index.js';

describe('consent wording', () => {
  it('has one wording per purpose, and recruitment is the pipeline default word for word', () => {
    expect(Object.keys(CONSENT_WORDING).sort()).toEqual([...CONSENT_PURPOSES].sort());
    expect(CONSENT_WORDING.recruitment).toBe(DEFAULT_CONSENT.wording);
    for (const p of CONSENT_PURPOSES) expect(CONSENT_WORDING[p].length).toBeGreaterThan(40);
  });
});
