import { describe, expect, it } from 'vitest';
import { extractRoles } from '../../src/ingest/profile/experience.js';

const now = { y: 2026, m: 6 };
const heads = (text: string) => extractRoles(text, now).map((r) => [r.title, r.employer]);

describe('role title and employer in common layouts', () => {
  it.each([
    ['title line, then the date line', 'Software Engineer\nJan 2019 – Present\n• Built the billing service', ['Software Engineer', null]],
    ['title line, date line, employer line', 'Software Engineer\nJan 2019 – Present\nGoogle\n• Built the billing service', ['Software Engineer', 'Google']],
    ['"Title, Employer" above the dates', 'Software Engineer, Google\nJan 2019 – Present\n• Built the billing service', ['Software Engineer', 'Google']],
    ['"Title at Employer | dates"', 'Software Engineer at Google | Jan 2019 – Present', ['Software Engineer', 'Google']],
    ['"Title – Employer (dates)"', 'Software Engineer – Google (Jan 2019 – Present)', ['Software Engineer', 'Google']],
    ['"Title | Employer | dates"', 'Software Engineer | Google | 2019 – 2021', ['Software Engineer', 'Google']],
    ['"Title, Employer, City, dates"', 'Full Stack Developer, ABC Company, Inc., Anywhere, USA, June 2018 - Present', ['Full Stack Developer', 'ABC Company, Inc., Anywhere, USA']],
    ['title, then "Employer | dates"', 'Graphic Designer\nKestrel Systems Ltd | 02/2023 - Present\nLed the rebrand.', ['Graphic Designer', 'Kestrel Systems Ltd']],
    ['date line, then "Title, Employer"', 'Jan 2019 – Present\nGraphic Designer, Kestrel Systems Ltd\nLed the rebrand.', ['Graphic Designer', 'Kestrel Systems Ltd']],
    ['date line, title line, employer line', '2019 – 2021\nSoftware Engineer\nGoogle\n• Built the billing service', ['Software Engineer', 'Google']],
    ['employer above "Title | dates"', 'Acme Corp\nSoftware Engineer | Jan 2019 – Present\n• Built the billing service', ['Software Engineer', 'Acme Corp']],
    ['employer line, title line, then the dates', 'Müller & Partner GmbH\nSoftwareentwickler\n03/2017 – 12/2019\n• Schnittstellen gebaut', ['Softwareentwickler', 'Müller & Partner GmbH']],
    ['Dutch "bij"', 'Projectleider bij Gemeente Utrecht\n2019 – tot heden\nVerantwoordelijk voor de planning.', ['Projectleider', 'Gemeente Utrecht']],
    ['French "chez"', 'Chef de projet chez Banque Lemaire — janv. 2019 - à ce jour', ['Chef de projet', 'Banque Lemaire']],
    ['an employer ending in "B.V."', 'Monteur\nNoorderpoort B.V.\n05/2023 - 05/2025\nOnderhoud van de lijnen.', ['Monteur', 'Noorderpoort B.V.']],
    ['paragraphs with blank lines between them (DOCX)', 'März 2024 – heute\n\nSenior Programmierer, Zuidwijk Groep\n\nBetreute die Webanwendungen.', ['Senior Programmierer', 'Zuidwijk Groep']],
  ])('%s', (_name, text, expected) => {
    expect(heads(text)).toEqual([expected]);
  });

  it('several roles: each header comes from its own lines, the description stops at the next header', () => {
    const text = [
      'Senior Engineer',
      'Acme Corp | Jan 2021 – Present',
      '• Led a team of four',
      '• Moved the platform to',
      'Kubernetes',
      'Engineer, Initech, Mar 2017 - Dec 2020',
      '• Built reports',
      '',
      'Jun 2015 – Feb 2017',
      'Intern, Globex',
      'Wrote tests for the billing system.',
    ].join('\n');
    const roles = extractRoles(text, now);
    expect(roles.map((r) => [r.title, r.employer, r.start, r.end])).toEqual([
      ['Senior Engineer', 'Acme Corp', '2021-01', null],
      ['Engineer', 'Initech', '2017-03', '2020-12'],
      ['Intern', 'Globex', '2015-06', '2017-02'],
    ]);
    expect(roles[0]!.description).toBe('• Led a team of four\n• Moved the platform to\nKubernetes');
    expect(roles[1]!.description).toBe('• Built reports');
    expect(roles[2]!.description).toBe('Wrote tests for the billing system.');
  });

  it('a short first line of the description is not taken for the employer', () => {
    expect(heads('Software Engineer | 2019 – 2021\nBuilt the billing service\n\nData Analyst, Initech | 2017 – 2018')).toEqual([
      ['Software Engineer', null],
      ['Data Analyst', 'Initech'],
    ]);
    expect(heads('Software Engineer            Jan 2019 – Present\nKestrel Systems Ltd\n• Built the billing service')).toEqual([['Software Engineer', 'Kestrel Systems Ltd']]);
  });

  it('a date with nothing around it is an untitled role, not a sentence of the previous one', () => {
    const roles = extractRoles('Built the billing service.\n2019 – 2021\n• Maintained it.', now);
    expect(roles.map((r) => r.title)).toEqual(['Untitled role']);
  });
});
