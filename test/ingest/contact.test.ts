/**
 * Contact extraction runs on the main thread over untrusted text: its patterns must not backtrack
 * super-linearly. Checked without timing: every quantifier of the e-mail and header patterns is
 * bounded and the e-mail pattern starts with a look-behind, so each position of a line starts at
 * most one attempt of bounded length; hostile lines then give the right answers.
 */
import { describe, expect, it } from 'vitest';
import { EMAIL, HEADER_PARTS, findEmail, findLocation, findName } from '../../src/ingest/profile/contact.js';

/** The unbounded quantifiers (`*`, `+`, `{n,}`) of a pattern, outside character classes and escapes. */
function unboundedQuantifiers(re: RegExp): string[] {
  const src = re.source;
  const out: string[] = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') out.push(`${c} at ${i}`);
    else if (c === '{' && /^\{\d+,\}/.test(src.slice(i))) out.push(`{n,} at ${i}`);
  }
  return out;
}

describe('contact patterns are bounded', () => {
  it('the checker finds unbounded quantifiers (in the patterns these replaced)', () => {
    const kinds = (re: RegExp): string[] => unboundedQuantifiers(re).map((q) => q.split(' ')[0]!);
    expect(kinds(/[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/i)).toEqual(['+', '+', '+', '*', '{n,}']);
    expect(kinds(/\s*[|•·]\s*|\t/)).toEqual(['*', '*']);
    expect(kinds(/a{1,64}[*+]\+\*b?/)).toEqual([]);
  });

  it('the e-mail pattern and the header splitter have none, and an e-mail match can only start where a local part starts', () => {
    expect(unboundedQuantifiers(EMAIL)).toEqual([]);
    expect(unboundedQuantifiers(HEADER_PARTS)).toEqual([]);
    expect(EMAIL.source.startsWith('(?<![')).toBe(true);
    expect(EMAIL.global || EMAIL.sticky).toBe(false);
  });
});

describe('contact extraction on hostile lines', () => {
  const N = 50_000;

  it('finds nothing in long runs of address characters', () => {
    expect(findEmail('a'.repeat(N))).toBeNull();
    expect(findEmail('a@'.repeat(N / 2))).toBeNull();
    expect(findEmail(`${'a.'.repeat(N / 2)}@example.com`)).toBeNull(); // a local part of 50,000 characters is not an address
    expect(findEmail(`a@${'b.'.repeat(N / 2)}c`)).toBeNull();
    expect(findEmail(`${'-'.repeat(N)}@${'-'.repeat(N)}`)).toBeNull();
  });

  it('still finds the address after the junk, and ordinary addresses as before', () => {
    expect(findEmail(`${'x'.repeat(N)} jan@example.org`)).toBe('jan@example.org');
    expect(findEmail(`${'a@'.repeat(N / 2)} (anna.mueller@example.de)`)).toBe('anna.mueller@example.de');
    expect(findEmail('E-mail: Jan.de-Vries+cv@mail.example.co.uk | +31 6 1234 5678')).toBe('jan.de-vries+cv@mail.example.co.uk');
    expect(findEmail('mailto:sanne@example.nl.')).toBe('sanne@example.nl');
  });

  it('header lines of spaces and separators are split without backtracking and give no name or place', () => {
    const spaces = `Jan${' '.repeat(N)}x`;
    expect(findName(spaces, '')).toBeNull();
    expect(findLocation(spaces, '')).toBeNull();
    expect(findLocation(`${' | '.repeat(N / 3)}`, '')).toBeNull();
    expect(findLocation('Jan de Vries | Developer •   Utrecht, Netherlands', '')).toBe('Utrecht, Netherlands');
    expect(findName('Jan de Vries | Developer', '')).toBe('Jan de Vries');
  });
});
