import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadVocabulary, matchSkills, resolveSkills, SKILL_TERMS, tokenize, uniqueConcepts } from '../../src/taxonomy/index.js';

const SHARED = '../shared/data';
const hasShared = fs.existsSync(`${SHARED}/esco-skills`);

describe.skipIf(!hasShared)('vocabulary with ESCO loaded (../shared/data)', () => {
  const vocab = loadVocabulary(SHARED);
  const id = (name: string): string => resolveSkills([name], vocab)[0]!.id;

  it('gives the team term and the ESCO wording of one skill the same ESCO concept id', () => {
    for (const [team, esco] of [
      ['forklift operation', 'operate forklift'],
      ['machine learning', 'utilise machine learning'],
      ['recruitment', 'recruit employees'],
      ['budget management', 'manage budgets'],
      ['heftruck rijden', 'operate forklift'],
    ] as const) {
      expect(id(team), `${team} vs ${esco}`).toBe(id(esco));
      expect(id(team)).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    }
  });

  it('keeps ESCO URIs for team terms ESCO has, and the team label for display', () => {
    const mapped = SKILL_TERMS.filter((t) => id(t.label).startsWith('http://data.europa.eu/esco/'));
    console.log(`vocabulary: ${mapped.length} of ${SKILL_TERMS.length} team skill terms carry an ESCO URI`);
    expect(mapped.length).toBeGreaterThanOrEqual(40);
    expect(resolveSkills(['forklift operation'], vocab)[0]!.label).toBe('forklift operation');
  });

  it("reads a tool ESCO and O*NET both know as one concept, with the tool's casing", () => {
    const found = uniqueConcepts(matchSkills(tokenize('Skills: MySQL, NoSQL, SQL'), vocab, { skillsSection: true }));
    const labels = found.map((m) => m.label);
    expect(labels.filter((l) => l.toLowerCase() === 'mysql')).toEqual(['MySQL']);
    expect(labels.filter((l) => l.toLowerCase() === 'nosql')).toEqual(['NoSQL']);
    expect(found.every((m) => !m.id.startsWith('onet:MySQL') && !m.id.startsWith('onet:NoSQL'))).toBe(true);
  });
});
