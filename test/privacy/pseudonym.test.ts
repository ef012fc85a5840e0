import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPseudonymKey, pseudonymOf } from '../../src/privacy/index.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-pseudo-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('erasure pseudonyms', () => {
  it('creates the key once, readable by the owner only, and keeps it', () => {
    const dir = tmp();
    const a = loadPseudonymKey(dir);
    expect(a).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'pseudonym.key')).mode & 0o777).toBe(0o600);
    expect(loadPseudonymKey(dir).equals(a)).toBe(true);
  });

  it('is an HMAC: stable per key and id, different across installs and ids, and does not contain the id', () => {
    const k1 = loadPseudonymKey(tmp());
    const k2 = loadPseudonymKey(tmp());
    const id = '6f1c1c2e-5c1b-4b8e-9a51-0c7d2a4f9e10';
    expect(pseudonymOf(k1, id)).toBe(pseudonymOf(k1, id));
    expect(pseudonymOf(k1, id)).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymOf(k1, id)).not.toBe(pseudonymOf(k2, id));
    expect(pseudonymOf(k1, id)).not.toBe(pseudonymOf(k1, id.replace('6f', '7f')));
    expect(pseudonymOf(k1, id)).not.toContain(id.slice(0, 8));
  });

  it('refuses a damaged key file instead of making new pseudonyms silently', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'pseudonym.key'), 'not hex');
    expect(() => loadPseudonymKey(dir)).toThrow(/hex key/);
  });
});
