import { describe, expect, it } from 'vitest';
import { defaultSegmentFields, expandLocationPattern } from './location-pattern.ts';

const codes = (pattern: string, max?: number) => {
  const result = expandLocationPattern(pattern, max);
  if (!result.ok) throw new Error(result.error);
  return result.locations.map((l) => l.code);
};

describe('expandLocationPattern', () => {
  it('expands A-01-01..A-20-05 to the 100-code cartesian range in walk order', () => {
    const all = codes('A-01-01..A-20-05');
    expect(all).toHaveLength(100);
    expect(all.slice(0, 6)).toEqual(['A-01-01', 'A-01-02', 'A-01-03', 'A-01-04', 'A-01-05', 'A-02-01']);
    expect(all.at(-1)).toBe('A-20-05');
    expect(new Set(all).size).toBe(100);
  });

  it('ranges letters, keeps constants and upper-cases', () => {
    expect(codes('a-1..c-2')).toEqual(['A-1', 'A-2', 'B-1', 'B-2', 'C-1', 'C-2']);
    expect(codes('B1-01..B1-03')).toEqual(['B1-01', 'B1-02', 'B1-03']);
    expect(codes('DOCK-1')).toEqual(['DOCK-1']);
  });

  it('returns the segments of each code', () => {
    const result = expandLocationPattern('A-01-01..A-01-02');
    expect(result.ok && result.locations[1]).toEqual({ code: 'A-01-02', segments: ['A', '01', '02'] });
  });

  it.each([
    ['A-20..A-01', /backwards/],
    ['A-1..A-10', /same width/],
    ['A-01..B-01-01', /same number of segments/],
    ['A-01..B2-01', /neither/],
    ['A-01..A-02..A-03', /one "\.\."/],
    ['A B-01..A B-02', /A-Z and 0-9/],
    ['A-01-01-01-01..A-01-01-01-02', /at most 4/],
    ['', /A-Z and 0-9/],
  ])('refuses %s', (pattern, message) => {
    const result = expandLocationPattern(pattern);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('caps the number of codes', () => {
    expect(expandLocationPattern('A-0001..Z-9999').ok).toBe(false);
    expect(expandLocationPattern('A-01..A-10', 9)).toEqual({
      ok: false,
      error: 'the pattern makes more than 9 locations',
    });
    expect(codes('A-01..A-10', 10)).toHaveLength(10);
  });

  it('names segments aisle, shelf, level (zone first with four)', () => {
    expect(defaultSegmentFields(3)).toEqual(['aisle', 'shelf', 'level']);
    expect(defaultSegmentFields(4)).toEqual(['zone', 'aisle', 'shelf', 'level']);
    expect(defaultSegmentFields(1)).toEqual(['aisle']);
    expect(defaultSegmentFields(2)).toEqual(['aisle', 'shelf']);
  });
});
