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
