import type { Profile } from '../../src/domain/index.js';

/** A small hand-written profile for the privacy tests. */
export const profile: Profile = {
  name: 'Ann Smith',
  email: 'ann@example.com',
  phone: null,
  location: 'Utrecht',
  language: 'en',
  summary: 'Backend developer.',
  sections: [],
  roles: [{ title: 'Java Developer', employer: 'Acme', start: '2018-01', end: '2023-12', description: 'Built services.' }],
  yearsExperience: 6,
  education: [{ degree: 'BSc Computer Science', institution: 'Utrecht University', start: '2014-09', end: '2017-07' }],
  spokenLanguages: ['en', 'nl'],
  skills: [
    { id: 'jm:java', label: 'Java', surface: 'Java' },
    { id: 'onet:nosql', label: 'nosql', surface: 'nosql' },
    { id: 'esco:nosql', label: 'NoSQL', surface: 'NoSQL' },
  ],
  field: null,
};
