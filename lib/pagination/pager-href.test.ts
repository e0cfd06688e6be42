import { describe, it, expect } from 'vitest';
import { buildPagerHref, firstParam } from './pager-href.ts';

describe('buildPagerHref', () => {
  it('sets the cursor for the direction', () => {
    expect(buildPagerHref('/acme/members', {}, 'after', 'abc')).toBe('/acme/members?after=abc');
  });

  it('keeps other parameters and drops the opposite direction', () => {
    const href = buildPagerHref(
      '/acme/orders',
      { status: 'open', before: 'old', after: 'x' },
      'before',
      'new',
    );
    expect(href).toBe('/acme/orders?status=open&before=new');
  });

  it('keeps repeated parameters', () => {
    const href = buildPagerHref('/acme/orders', { tag: ['a', 'b'], empty: undefined }, 'after', 'c');
    expect(href).toBe('/acme/orders?tag=a&tag=b&after=c');
  });

  it('encodes values', () => {
    expect(buildPagerHref('/x', { q: 'a b&c' }, 'after', 'c')).toBe('/x?q=a+b%26c&after=c');
  });
});

describe('firstParam', () => {
  it('returns the first of an array, the value, or undefined', () => {
    expect(firstParam(['a', 'b'])).toBe('a');
    expect(firstParam('a')).toBe('a');
    expect(firstParam(undefined)).toBeUndefined();
  });
});
