import { describe, expect, it } from 'vitest';
import { findDateRanges, monthsCovered } from '../../src/ingest/profile/dates.js';

const now = { y: 2026, m: 6 };
const range = (line: string) => findDateRanges(line, now).map((r) => [r.start, r.end]);

describe('date ranges in four languages', () => {
  it.each([
    ['Jan 2019 – heden', [{ y: 2019, m: 1 }, null]],
    ['03/2017 - 12/2019', [{ y: 2017, m: 3 }, { y: 2019, m: 12 }]],
    ['März 2015 – Juni 2018', [{ y: 2015, m: 3 }, { y: 2018, m: 6 }]],
    ["septembre 2016 – aujourd'hui", [{ y: 2016, m: 9 }, null]],
    ['oct. 2018 - présent', [{ y: 2018, m: 10 }, null]],
    ['Dezember 2020 – heute', [{ y: 2020, m: 12 }, null]],
    ['Mei 2018 tot en met Dec 2020', [{ y: 2018, m: 5 }, { y: 2020, m: 12 }]],
    ['juin 2010 à déc. 2012', [{ y: 2010, m: 6 }, { y: 2012, m: 12 }]],
    ['2012 - 2014', [{ y: 2012, m: 1 }, { y: 2014, m: 12 }]],
    ['2019-03 – 2021-11', [{ y: 2019, m: 3 }, { y: 2021, m: 11 }]],
    ['seit 04.2021', [{ y: 2021, m: 4 }, null]],
    ['Developer | Acme | Feb. 2020 to Present', [{ y: 2020, m: 2 }, null]],
  ])('%s', (line, expected) => {
    expect(range(line)).toEqual([expected]);
  });

  it.each([
    '2019 – tot heden',
    '2019 tot heden',
    'jan 2019 – tot op heden',
    'januari 2019 - nu',
    'jan. 2019 – momenteel',
    'janvier 2019 – en cours',
    'janv. 2019 - à ce jour',
    'janv. 2019 à ce jour',
    'janvier 2019 – actuellement',
    "01/2019 – à aujourd'hui",
    '01/2019 – laufend',
    'Jan. 2019 bis heute',
    'Januar 2019 – bis heute',
    '01.2019 - derzeit',
    '01/2019 – bis dato',
    'Jan 2019 – to date',
    'Jan 2019 to date',
    'January 2019 - now',
    'Jan 2019 – Current',
    '2019 - till date',
  ])('"%s" is ongoing since 2019', (line) => {
    const got = range(line);
    expect(got).toHaveLength(1);
    expect(got[0]![0]!.y).toBe(2019);
    expect(got[0]![0]!.m).toBe(1);
    expect(got[0]![1]).toBeNull();
  });

  it('a present word needs a separator or its own lead word', () => {
    expect(range('2019 current projects')).toEqual([]);
    expect(range('Jan 2019 date of birth')).toEqual([]);
  });

  it('ignores phone numbers, single years and impossible months', () => {
    expect(range('Tel. +31 6 1234 5678')).toEqual([]);
    expect(range('Graduated in 2014')).toEqual([]);
    expect(range('13/2017 - 14/2019')).toEqual([]);
  });

  it('caps an end in the future at the upload month and refuses a start after it', () => {
    expect(range('Jan 2025 - Dec 2027')).toEqual([[{ y: 2025, m: 1 }, { y: 2026, m: 6 }]]);
    expect(range('Jan 2027 - Dec 2028')).toEqual([]);
  });
});

describe('months covered', () => {
  it('counts both ends and merges overlaps', () => {
    expect(monthsCovered([{ start: { y: 2019, m: 1 }, end: { y: 2019, m: 12 } }], now)).toBe(12);
    const overlapping = [
      { start: { y: 2019, m: 1 }, end: { y: 2019, m: 12 } },
      { start: { y: 2019, m: 6 }, end: { y: 2020, m: 6 } },
    ];
    expect(monthsCovered(overlapping, now)).toBe(18);
  });
  it('runs an open role to the upload month and keeps gaps', () => {
    expect(monthsCovered([{ start: { y: 2026, m: 1 }, end: null }], now)).toBe(6);
    const gap = [
      { start: { y: 2010, m: 1 }, end: { y: 2010, m: 6 } },
      { start: { y: 2011, m: 1 }, end: { y: 2011, m: 6 } },
    ];
    expect(monthsCovered(gap, now)).toBe(12);
  });
});
