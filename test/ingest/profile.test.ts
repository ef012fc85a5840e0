import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../src/ingest/profile/index.js';
import { loadVocabulary } from '../../src/taxonomy/index.js';

const vocab = loadVocabulary(null); // the team's built-in terms only: must work without ../shared
const DUTCH = `Sanne de Vries
Softwareontwikkelaar
sanne.devries@example.nl | +31 6 1234 5678 | Woonplaats: Utrecht

Profiel
Ervaren ontwikkelaar met passie voor Python en data-analyse.

Werkervaring
Senior softwareontwikkelaar — Bol BV
jan 2020 – heden
Bouwde diensten in Python en Docker. Teamleiding over vijf collega's.

Ontwikkelaar bij Ordina
03/2016 - 12/2019
Werkte aan Java en Spring Boot applicaties.

Opleiding
Master Informatica, Universiteit Utrecht, 2012 - 2014

Vaardigheden
Python, Java, SQL, Kubernetes, projectmanagement, klantgerichtheid

Talen
Nederlands (moedertaal), Engels (vloeiend), Duits (basis)`;

describe('profile extraction', () => {
  const p = extractProfile(DUTCH, { uploadDate: '2026-06-15', vocab });

  it('finds contact data', () => {
    expect(p.name).toBe('Sanne de Vries');
    expect(p.email).toBe('sanne.devries@example.nl');
    expect(p.phone).toBe('+31 6 1234 5678');
    expect(p.location).toBe('Utrecht');
  });

  it('detects Dutch and the sections by their Dutch headings', () => {
    expect(p.language).toBe('nl');
    expect(p.sections.map((s) => s.kind)).toEqual(['summary', 'experience', 'education', 'skills', 'languages']);
  });

  it('reads dated roles with title and employer and resolves "heden" to the upload month', () => {
    expect(p.roles.map((r) => [r.title, r.employer, r.start, r.end])).toEqual([
      ['Senior softwareontwikkelaar', 'Bol BV', '2020-01', null],
      ['Ontwikkelaar', 'Ordina', '2016-03', '2019-12'],
    ]);
    // 2016-03..2019-12 = 46 months, 2020-01..2026-06 = 78 months → 124 / 12
    expect(p.yearsExperience).toBe(10.3);
  });

  it('normalises Dutch skill words to language-independent concepts with English labels', () => {
    const labels = p.skills.map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining(['project management', 'customer service', 'data analytics', 'manage a team', 'Spring Boot', 'Kubernetes']));
    expect(labels).not.toContain('Go');
  });

  it('finds spoken languages, education and the field', () => {
    expect(p.spokenLanguages).toEqual(['nl', 'en', 'de']);
    expect(p.education[0]).toMatchObject({ degree: 'Master Informatica', institution: 'Universiteit Utrecht', start: '2012-01', end: '2014-12' });
    expect(p.field?.label).toBe('software developer');
  });

  it('reads German and French CVs with their headings and "heute" / "aujourd\'hui"', () => {
    const de = extractProfile(
      'Jonas Müller\njonas.mueller@example.de\nTelefon: +49 170 1234567\n\nBerufserfahrung\nSoftwareentwickler bei SAP SE\nMärz 2018 – heute\nEntwicklung mit Java.\n\nKenntnisse\nJava, Projektmanagement\n\nSprachkenntnisse\nDeutsch, Englisch',
      { uploadDate: '2026-06-15', vocab },
    );
    expect(de.language).toBe('de');
    expect(de.roles[0]).toMatchObject({ title: 'Softwareentwickler', employer: 'SAP SE', start: '2018-03', end: null });
    expect(de.yearsExperience).toBe(8.3);
    expect(de.spokenLanguages).toEqual(['de', 'en']);
    const fr = extractProfile(
      "Camille Durand\ncamille.durand@example.fr · 06 12 34 56 78\n\nExpérience professionnelle\nComptable chez Exemple SA\nseptembre 2016 – aujourd'hui\nTenue de la comptabilité.\n\nCompétences\nComptabilité, Excel\n\nLangues\nFrançais, anglais",
      { uploadDate: '2026-06-15', vocab },
    );
    expect(fr.language).toBe('fr');
    expect(fr.phone?.replace(/\D/g, '')).toBe('0612345678');
    expect(fr.roles[0]).toMatchObject({ title: 'Comptable', employer: 'Exemple SA', start: '2016-09', end: null });
    expect(fr.skills.map((s) => s.label)).toEqual(expect.arrayContaining(['accounting', 'Excel']));
    expect(fr.field?.label).toBe('accountant');
  });
});
