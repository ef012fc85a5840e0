import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/domain/index.js';
import { yearsOfExperience } from '../../src/ingest/profile/index.js';
import { RectifyPatch, applyPatch } from '../../src/privacy/index.js';
import { loadVocabulary, resolveSkills } from '../../src/taxonomy/index.js';
import { profile } from './profile-fixture.js';

const vocab = loadVocabulary(null);
const deps = { resolveSkills: (n: string[]) => resolveSkills(n, vocab), yearsOf: (roles: Profile['roles']) => yearsOfExperience(roles, { y: 2026, m: 6 }) };

describe('rectification patch', () => {
  it('changes only the given fields; keeps stored skills named by label, resolves new ones, drops omitted ones', () => {
    const p = applyPatch(profile, RectifyPatch.parse({ location: 'Amsterdam', skills: ['Java', 'nosql', 'NoSQL', 'Docker', 'docker'] }), deps);
    expect(p.location).toBe('Amsterdam');
    expect(p.name).toBe('Ann Smith');
    expect(p.roles).toEqual(profile.roles);
    expect(p.skills.slice(0, 3)).toEqual(profile.skills);
    expect(p.skills).toHaveLength(4);
    expect(p.skills[3]!.label).toBe('Docker');
    expect(profile.location).toBe('Utrecht'); // pure
  });

  it('recomputes years from corrected roles and keeps a role description that was not sent', () => {
    const p = applyPatch(profile, RectifyPatch.parse({ roles: [{ title: 'Java Developer', start: '2018-01', end: null }, { title: 'Intern', start: '2017-01', end: '2017-06' }] }), deps);
    expect(p.yearsExperience).toBe(yearsOfExperience(p.roles, { y: 2026, m: 6 }));
    expect(p.yearsExperience).toBeGreaterThan(profile.yearsExperience);
    expect(p.roles[0]!.description).toBe('Built services.');
    expect(p.roles[1]!.description).toBe('');
  });

  it('rejects unknown fields, empty patches and impossible dates', () => {
    expect(RectifyPatch.safeParse({}).success).toBe(false);
    expect(RectifyPatch.safeParse({ yearsExperience: 30 }).success).toBe(false);
    expect(RectifyPatch.safeParse({ roles: [{ title: 'X', start: '2020-05', end: '2019-01' }] }).success).toBe(false);
    expect(RectifyPatch.safeParse({ spokenLanguages: ['english'] }).success).toBe(false);
    expect(RectifyPatch.safeParse({ email: null }).success).toBe(true);
  });
});
