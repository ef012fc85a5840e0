import { describe, expect, it } from 'vitest';
import { englishTitle, jobChunks, profileChunks, truncateWords, type Chunk } from '../../src/embed/index.js';
import { MAX_ROLE_CHUNKS } from '../../src/embed/chunk.js';
import { dutchDeveloper, emptyProfile, englishNurse } from './profiles.js';

const wordCount = (t: string) => t.split(/\s+/).filter(Boolean).length;
const find = (chunks: Chunk[], kind: Chunk['kind'], ordinal = 0) => chunks.find((c) => c.kind === kind && c.ordinal === ordinal);

describe('profileChunks', () => {
  it('gives one profile, one summary, one chunk per role and one skills chunk', () => {
    const chunks = profileChunks(dutchDeveloper);
    expect(chunks.map((c) => `${c.kind}:${c.ordinal}`)).toEqual(['profile:0', 'summary:0', 'role:0', 'role:1', 'skills:0']);
    for (const c of chunks) expect(c.text.trim()).not.toBe('');
  });

  it('embeds at most 30 roles: a CV listing hundreds of roles gets the first 30 (the latest), not a chunk each', () => {
    const roles = Array.from({ length: 500 }, (_, i) => ({ title: `Developer ${i}`, employer: `Firm ${i}`, start: '2010-01', end: '2011-01', description: `Built service number ${i} in Java.` }));
    const chunks = profileChunks({ ...dutchDeveloper, roles });
    const roleChunks = chunks.filter((c) => c.kind === 'role');
    expect(MAX_ROLE_CHUNKS).toBe(30);
    expect(roleChunks.map((c) => c.ordinal)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(roleChunks[29]!.text).toContain('Developer 29');
    expect(chunks.length).toBe(30 + 3);
  });

  it('adds the English labels of recognised concepts to a Dutch CV', () => {
    const chunks = profileChunks(dutchDeveloper);
    const profile = find(chunks, 'profile')?.text ?? '';
    expect(profile).toContain('software developer'); // field label
    for (const label of ['Java (computer programming)', 'Spring Boot', 'software testing', 'CI/CD', 'manage a team']) {
      expect(profile).toContain(label);
    }
    // The Java role: English occupation label for "Java-ontwikkelaar" and the skills named in that role only.
    const role0 = find(chunks, 'role', 0)?.text ?? '';
    expect(role0).toContain('Senior Java-ontwikkelaar (software developer)');
    expect(role0).toContain('software testing');
    expect(role0).not.toContain('manage a team');
    // The warehouse role gets its own concepts.
    const role1 = find(chunks, 'role', 1)?.text ?? '';
    expect(role1).toContain('manage a team');
    expect(role1).toContain('warehouse operations');
    expect(role1).not.toContain('Spring Boot');
    // The summary mentions testautomatisering and continue integratie.
    const summary = find(chunks, 'summary')?.text ?? '';
    expect(summary).toContain('software testing');
    expect(summary).toContain('CI/CD');
    // A concept found under two surfaces is listed once.
    const skills = find(chunks, 'skills')?.text ?? '';
    expect(skills.match(/manage a team/g)).toHaveLength(1);
  });

  it('keeps the original Dutch wording by default and can drop it', () => {
    const withText = find(profileChunks(dutchDeveloper), 'role', 0)?.text ?? '';
    expect(withText).toContain('Bouwde microservices');
    const labelsOnly = find(profileChunks(dutchDeveloper, { keepNonEnglishText: false }), 'role', 0)?.text ?? '';
    expect(labelsOnly).not.toContain('Bouwde');
    expect(labelsOnly).toContain('Spring Boot');
    // English CVs keep their text either way.
    expect(find(profileChunks(englishNurse, { keepNonEnglishText: false }), 'role')?.text).toContain('Patient care in the ICU');
  });

  it('takes the summary from the summary section when profile.summary is null', () => {
    const chunks = profileChunks(englishNurse);
    expect(find(chunks, 'summary')?.text).toContain('Registered nurse with ten years in intensive care.');
    expect(find(chunks, 'role')?.text).toMatch(/^Registered Nurse \(nurse\)\. Patient care/);
  });

  it('keeps every chunk within the word budget, keeping title and labels when the text is cut', () => {
    const long = {
      ...dutchDeveloper,
      roles: [{ ...dutchDeveloper.roles[0]!, description: 'Werkte met Java en Spring Boot aan betalingen. '.repeat(100) }],
    };
    const chunks = profileChunks(long, { maxWords: 60 });
    for (const c of chunks) expect(wordCount(c.text)).toBeLessThanOrEqual(60);
    const role = find(chunks, 'role')?.text ?? '';
    expect(role.startsWith('Senior Java-ontwikkelaar (software developer).')).toBe(true);
    expect(role).toMatch(/Skills: Java \(computer programming\), Spring Boot\.$/);
  });

  it('gives no chunks for an empty profile', () => {
    expect(profileChunks(emptyProfile)).toEqual([]);
  });

  it('accepts a custom role title labeller', () => {
    const chunks = profileChunks(englishNurse, { roleTitleLabel: () => 'health professional' });
    expect(find(chunks, 'role')?.text).toContain('Registered Nurse (health professional)');
  });
});

describe('englishTitle', () => {
  it('recognises titles in our four languages, including compounds', () => {
    expect(englishTitle('Senior Softwareontwikkelaar')).toBe('software developer');
    expect(englishTitle('Java-Entwickler')).toBe('software developer');
    expect(englishTitle('Backendentwickler')).toBe('software developer');
    expect(englishTitle('Infirmière de bloc')).toBe('nurse');
    expect(englishTitle('Data Engineer')).toBe('data scientist');
    expect(englishTitle('Magazijnmedewerker')).toBe('logistics manager');
    expect(englishTitle('Astronaut')).toBeNull();
    expect(englishTitle('')).toBeNull();
  });
});

describe('jobChunks', () => {
  it('makes a whole-job chunk with the English title label and skills, and a skills chunk', () => {
    const chunks = jobChunks({ title: 'Verpleegkundige IC', description: 'Wij zoeken een collega voor de intensive care.', skills: ['nursing principles', 'first aid'] });
    expect(chunks.map((c) => c.kind)).toEqual(['job', 'skills']);
    expect(chunks[0]?.text).toBe('Verpleegkundige IC (nurse). Skills: nursing principles, first aid. Wij zoeken een collega voor de intensive care.');
    expect(chunks[1]?.text).toBe('Skills: nursing principles, first aid.');
  });

  it('splits a long description into windows within the budget, ending at sentences', () => {
    const sentence = 'We build payment services in Java with a small team. ';
    const chunks = jobChunks({ title: 'Java Developer', description: sentence.repeat(30), field: 'software developer' }, { maxWords: 50 });
    const windows = chunks.filter((c) => c.kind === 'description');
    expect(windows.length).toBeGreaterThan(1);
    expect(windows.length).toBeLessThanOrEqual(4);
    windows.forEach((w, i) => {
      expect(w.ordinal).toBe(i);
      expect(wordCount(w.text)).toBeLessThanOrEqual(50);
      expect(w.text.endsWith('.')).toBe(true);
    });
    expect(wordCount(chunks[0]?.text ?? '')).toBeLessThanOrEqual(50);
    expect(chunks[0]?.text.startsWith('Java Developer (software developer).')).toBe(true);
  });
});

describe('truncateWords', () => {
  it('leaves short text alone (whitespace collapsed) and cuts long text at a late sentence end', () => {
    expect(truncateWords('a  b\n c', 5)).toBe('a b c');
    const text = 'one two three four five six seven. eight nine ten eleven';
    expect(truncateWords(text, 9)).toBe('one two three four five six seven.');
    expect(truncateWords('a. b c d e f g h i j', 6)).toBe('a. b c d e f');
    expect(truncateWords('anything', 0)).toBe('');
  });
});
