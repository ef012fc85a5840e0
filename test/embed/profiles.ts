/** Small hand-written profiles for chunking tests. */
import type { Profile } from '../../src/domain/index.js';

const base: Profile = {
  name: null,
  email: null,
  phone: null,
  location: null,
  language: 'en',
  summary: null,
  sections: [],
  roles: [],
  yearsExperience: 0,
  education: [],
  spokenLanguages: [],
  skills: [],
  field: null,
};

export const dutchDeveloper: Profile = {
  ...base,
  language: 'nl',
  summary: 'Ervaren softwareontwikkelaar met passie voor testautomatisering en continue integratie.',
  sections: [
    { kind: 'summary', heading: 'Profiel', text: 'Ervaren softwareontwikkelaar met passie voor testautomatisering en continue integratie.' },
    { kind: 'skills', heading: 'Vaardigheden', text: 'Java, Spring Boot, testautomatisering, continue integratie, teamleiding' },
  ],
  roles: [
    {
      title: 'Senior Java-ontwikkelaar',
      employer: 'Bank NV',
      start: '2019-03',
      end: null,
      description: 'Bouwde microservices in Java en Spring Boot. Verantwoordelijk voor testautomatisering.',
    },
    { title: 'Teamleider magazijn', employer: 'Logistiek BV', start: '2015-01', end: '2019-02', description: 'Leidinggeven aan twaalf medewerkers in het magazijn.' },
  ],
  yearsExperience: 9,
  spokenLanguages: ['nl', 'en'],
  skills: [
    { id: 'esco:java', label: 'Java (computer programming)', surface: 'Java' },
    { id: 'jm:spring-boot', label: 'Spring Boot', surface: 'Spring Boot' },
    { id: 'jm:software-testing', label: 'software testing', surface: 'testautomatisering' },
    { id: 'jm:ci-cd', label: 'CI/CD', surface: 'continue integratie' },
    { id: 'jm:manage-a-team', label: 'manage a team', surface: 'leidinggeven' },
    { id: 'jm:manage-a-team', label: 'manage a team', surface: 'teamleiding' },
    { id: 'jm:warehouse-operations', label: 'warehouse operations', surface: 'magazijn' },
  ],
  field: { id: 'jm:software', label: 'software developer' },
};

export const englishNurse: Profile = {
  ...base,
  summary: null,
  sections: [{ kind: 'summary', heading: 'Summary', text: 'Registered nurse with ten years in intensive care.' }],
  roles: [{ title: 'Registered Nurse', employer: 'City Hospital', start: '2014-01', end: null, description: 'Patient care in the ICU; first aid trainer.' }],
  yearsExperience: 10,
  skills: [
    { id: 'jm:nursing', label: 'nursing principles', surface: 'patient care' },
    { id: 'jm:first-aid', label: 'first aid', surface: 'first aid' },
  ],
  field: { id: 'jm:healthcare', label: 'nurse' },
};

export const emptyProfile: Profile = base;
