// Bin codes by pattern: `A-01-01..A-20-05` is every code from A-01-01 to A-20-05 taking each
// dash-separated segment as its own range (the cartesian product: 1 × 20 × 5 = 100 codes),
// in walk order (first segment outermost). A segment pair is a zero-padded number range of one
// width (01..20), a single-letter range (A..D) or a constant (A..A, B1..B1).

export const MAX_PATTERN_LOCATIONS = 5000;
const MAX_SEGMENTS = 4;

export interface ExpandedLocation {
  code: string;
  segments: string[];
}

export type PatternResult = { ok: true; locations: ExpandedLocation[] } | { ok: false; error: string };

const SEGMENT = /^[A-Z0-9]{1,10}$/;

function segmentRange(from: string, to: string): string[] | string {
  if (!SEGMENT.test(from) || !SEGMENT.test(to)) return `segment "${from}".."${to}" may hold only A-Z and 0-9`;
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    if (from.length !== to.length) return `"${from}".."${to}": numbers must have the same width`;
    const a = Number(from);
    const b = Number(to);
    if (a > b) return `"${from}".."${to}" runs backwards`;
    return Array.from({ length: b - a + 1 }, (_, i) => String(a + i).padStart(from.length, '0'));
  }
  if (/^[A-Z]$/.test(from) && /^[A-Z]$/.test(to)) {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    if (a > b) return `"${from}".."${to}" runs backwards`;
    return Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i));
  }
  if (from === to) return [from];
  return `"${from}".."${to}" is neither a number range, a letter range nor a constant`;
}

export function expandLocationPattern(pattern: string, max = MAX_PATTERN_LOCATIONS): PatternResult {
  const text = pattern.trim().toUpperCase();
  const parts = text.split('..');
  if (parts.length > 2) return { ok: false, error: 'use one ".." between the first and last code' };
  const from = parts[0]!.split('-');
  const to = (parts[1] ?? parts[0]!).split('-');
  if (from.length !== to.length) return { ok: false, error: 'both ends need the same number of segments' };
  if (from.length > MAX_SEGMENTS) return { ok: false, error: `at most ${MAX_SEGMENTS} segments` };

  const ranges: string[][] = [];
  let total = 1;
  for (let i = 0; i < from.length; i += 1) {
    const range = segmentRange(from[i]!, to[i]!);
    if (typeof range === 'string') return { ok: false, error: range };
    ranges.push(range);
    total *= range.length;
    if (total > max) return { ok: false, error: `the pattern makes more than ${max} locations` };
  }

  let combos: string[][] = [[]];
  for (const range of ranges) combos = combos.flatMap((prefix) => range.map((value) => [...prefix, value]));
  return { ok: true, locations: combos.map((segments) => ({ code: segments.join('-'), segments })) };
}

export const LOCATION_SEGMENT_FIELDS = ['zone', 'aisle', 'shelf', 'level'] as const;
export type LocationSegmentField = (typeof LOCATION_SEGMENT_FIELDS)[number];

/** Default meaning of each segment: aisle, shelf, level in that order; four segments lead with zone. */
export const defaultSegmentFields = (count: number): LocationSegmentField[] =>
  count >= LOCATION_SEGMENT_FIELDS.length
    ? [...LOCATION_SEGMENT_FIELDS]
    : (['aisle', 'shelf', 'level'] as const).slice(0, count);
