import { describe, expect, it } from 'vitest';
import { redact, redactSnippet, headerWords, hideEducationYears, hideYears, HIDDEN } from '../../src/web/blind.js';
import { safeBack } from '../../src/web/bits.js';
import { escapeHtml, html, join, markSnippet } from '../../src/web/html.js';
import { fromAcceptLanguage, translator } from '../../src/web/i18n.js';
import { SessionStore } from '../../src/web/session.js';

describe('web: the escaping template', () => {
  it('escapes every interpolation, but not nested templates', () => {
    const name = '<script>alert("x")</script>';
    const out = html`<p title="${name}">${name}${html`<b>${'&'}</b>`}${[1, '<i>', null, undefined, false]}</p>`.value;
    expect(out).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<b>&amp;</b>1&lt;i&gt;</p>');
    expect(escapeHtml(`'\``)).toBe('&#39;&#96;');
    expect(join(['<a>', html`<b>`], ', ').value).toBe('&lt;a&gt;, <b>');
  });

  it('marks FTS snippet hits only after escaping', () => {
    expect(markSnippet('…[Java] <b>bold</b> [x<y] [unclosed').value).toBe('…<mark>Java</mark> &lt;b&gt;bold&lt;/b&gt; <mark>x&lt;y</mark> [unclosed');
    expect(markSnippet('[<script>alert(1)</script>]').value).toBe('<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>');
  });
});

describe('web: blind review', () => {
  it('hides name, contact details, location, age and gender hints, and keeps the rest', () => {
    const out = redact('Jane van Dijk, born 12-03-1990, Mrs. Jane lives in Utrecht; jane@x.nl, +31 6 1234 5678. She is 34 years old, married. Geboren: 1.1.1980. [Java] developer, 5 jaar ervaring.', {
      name: 'Jane van Dijk',
      location: 'Utrecht',
    });
    for (const gone of ['Jane', 'Dijk', '1990', 'Mrs', 'Utrecht', 'jane@x.nl', '5678', 'She', '34 years old', 'married', 'Geboren', '1980']) expect(out).not.toContain(gone);
    expect(out).toContain('[Java] developer, 5 jaar ervaring.');
    expect(out).toContain(HIDDEN);
    // No brackets added: FTS marks stay unambiguous.
    expect(out.match(/[[\]]/g)).toEqual(['[', ']']);
  });

  it('hides Dutch, German and French pronouns, family words and an age in years, but not years of experience', () => {
    const nl = redact('Zij werkte 8 jaar bij Acme; haar team groeide. Hij is 34 jaar en moeder van twee kinderen, 20 jaar ervaring als [Java] ontwikkelaar.', { language: 'nl' });
    for (const gone of ['Zij', 'haar', 'Hij', '34 jaar', 'moeder', 'kinderen']) expect(nl).not.toMatch(new RegExp(`(^|[^\\p{L}])${gone}([^\\p{L}]|$)`, 'u'));
    expect(nl).toContain('8 jaar bij Acme');
    expect(nl).toContain('20 jaar ervaring als [Java] ontwikkelaar');
    const de = redact('Sie leitete ihr Team, er war 45 Jahre, Mutter von zwei Kindern; 12 Jahre Erfahrung in SAP.', { language: 'de' });
    for (const gone of ['Sie', 'ihr', ' er ', '45 Jahre', 'Mutter']) expect(de).not.toContain(gone);
    expect(de).toContain('12 Jahre Erfahrung in SAP');
    const fr = redact('Elle a dirigé une équipe; il a 29 ans, père de famille. 10 ans d’expérience.', { language: 'fr' });
    for (const gone of ['Elle', ' il ', '29 ans', 'père']) expect(fr).not.toContain(gone);
    expect(fr).toContain('10 ans d’expérience');
    // Dutch "er" (there) is not a pronoun: kept outside German CVs.
    expect(redact('Er is veel werk.', { language: 'nl' })).toBe('Er is veel werk.');
    expect(redact('Die 34-jarige ontwikkelaar; a 41-year-old engineer.', {})).not.toMatch(/34|41/);
  });

  it('a snippet: an e-mail, name or phone split by search highlighting is hidden, the other hits stay marked', () => {
    const out = redactSnippet('…contact jdoe1988@[gmail].com or [John] Doe, +31 [6] 1234 5678. Senior [Java] developer, [Java] and SQL…', { name: 'John Doe' });
    expect(out).not.toMatch(/jdoe|gmail|John|Doe|5678/);
    expect(out).toContain('Senior [Java] developer, [Java] and SQL');
    expect(out.match(/\[/g)).toHaveLength(2);
    expect(out.match(/\]/g)).toHaveLength(2);
    // Without blind mode nothing changes: the function is only called in blind review.
    expect(redactSnippet('[Java] only', {})).toBe('[Java] only');
  });

  it('hides graduation years in education, and only there in the CV text', () => {
    expect(hideYears('MSc Computer Science 2012')).toBe(`MSc Computer Science ${HIDDEN}`);
    const cvText = 'Ann\n\nExperience\nJava Developer 2015 - 2020\n\nEducation\nBSc Informatics, 2006 - 2010\nUniversity of Utrecht 2010\n\nSkills\nJava';
    const sections = [
      { kind: 'experience' as const, heading: 'Experience' },
      { kind: 'education' as const, heading: 'Education' },
      { kind: 'skills' as const, heading: 'Skills' },
    ];
    const out = hideEducationYears(cvText, sections);
    expect(out).toContain('Java Developer 2015 - 2020');
    expect(out).toContain(`BSc Informatics, ${HIDDEN} - ${HIDDEN}`);
    expect(out).toContain(`University of Utrecht ${HIDDEN}`);
    expect(out).not.toMatch(/2006|2010/);
  });

  it('takes the capitalised words of the CV head, but not skills or job titles', () => {
    const profile = { sections: [{ kind: 'experience' as const, heading: 'Experience', text: '' }], skills: [{ id: 'x', label: 'Java', surface: 'Java' }], roles: [{ title: 'Java Developer', employer: null, start: '2020-01', end: null, description: '' }] };
    expect(headerWords('Ann Smith\nJava Developer\nKerkstraat 1, Utrecht\n\nExperience\nJava Developer at Acme', profile).sort()).toEqual(['Ann', 'Kerkstraat', 'Smith', 'Utrecht']);
  });
});

describe('web: languages', () => {
  it('picks the best supported language by q value', () => {
    expect(fromAcceptLanguage('nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(fromAcceptLanguage('de;q=1,en;q=0.5,nl;q=0.7')).toBe('nl');
    expect(fromAcceptLanguage('fr, de')).toBeNull();
    expect(fromAcceptLanguage('nl;q=0, en')).toBe('en');
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });

  it('has every key in Dutch and fills placeholders', () => {
    expect(translator('nl')('me.hello', { name: 'Ann' })).toBe('Hallo Ann');
    expect(translator('en')('gate.undecided', { n: 2 })).toContain('2 still open');
  });
});

describe('web: sessions and redirects', () => {
  it('expires idle and old sessions and evicts anonymous ones first when full', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 100, absoluteMs: 1000, max: 3 }, () => now);
    const staff = store.create('staff');
    const a = store.create('anon');
    store.create('anon');
    store.create('anon');
    expect(store.size).toBe(3);
    expect(store.get(staff.id)).not.toBeNull();
    expect(store.get(a.id)).toBeNull();
    now = 90;
    expect(store.get(staff.id)).not.toBeNull();
    now = 195;
    expect(store.get(staff.id)).toBeNull();
    expect(store.create('anon').csrf).not.toBe(staff.csrf);
  });

  it('redirects only to this site, under the allowed prefixes', () => {
    expect(safeBack('/staff/shortlists/1', '/x', ['/staff'])).toBe('/staff/shortlists/1');
    for (const bad of ['//evil.example', 'https://evil.example/staff', '/\\evil', '/admin', 42]) expect(safeBack(bad, '/x', ['/staff'])).toBe('/x');
  });
});
