import { describe, expect, it } from 'vitest';
import { toJsonResume } from '../../src/privacy/index.js';
import { profile } from './profile-fixture.js';

describe('JSON Resume', () => {
  it('maps the profile onto the v1 schema without nulls', () => {
    const r = toJsonResume(profile, '2026-06-15T00:00:00Z');
    expect(r.basics).toEqual({ name: 'Ann Smith', email: 'ann@example.com', summary: 'Backend developer.', location: { address: 'Utrecht' } });
    expect(r.work).toEqual([{ name: 'Acme', position: 'Java Developer', startDate: '2018-01', endDate: '2023-12', summary: 'Built services.' }]);
    expect(r.education).toEqual([{ institution: 'Utrecht University', area: 'BSc Computer Science', startDate: '2014-09', endDate: '2017-07' }]);
    expect(r.languages).toEqual([{ language: 'English' }, { language: 'Dutch' }]);
    expect(r.skills.map((s) => s.name)).toEqual(['Java', 'nosql', 'NoSQL']);
    expect(JSON.stringify(r)).not.toContain('null');
  });
});
