import { describe, it, expect } from 'vitest';
import { NAV_ITEMS, findNavItem, isNavItemActive, navHref } from './nav-items.ts';

describe('nav items', () => {
  it('has unique segments', () => {
    const segments = NAV_ITEMS.map((i) => i.segment);
    expect(new Set(segments).size).toBe(segments.length);
  });

  it('builds hrefs under the organization', () => {
    expect(navHref('acme', '')).toBe('/acme');
    expect(navHref('acme', 'orders')).toBe('/acme/orders');
  });

  it('marks the dashboard active only on the organization root', () => {
    expect(isNavItemActive('/acme', 'acme', '')).toBe(true);
    expect(isNavItemActive('/acme/orders', 'acme', '')).toBe(false);
  });

  it('marks a section active on its own pages, not on look-alikes', () => {
    expect(isNavItemActive('/acme/orders', 'acme', 'orders')).toBe(true);
    expect(isNavItemActive('/acme/orders/123', 'acme', 'orders')).toBe(true);
    expect(isNavItemActive('/acme/orders-archive', 'acme', 'orders')).toBe(false);
    expect(isNavItemActive('/other/orders', 'acme', 'orders')).toBe(false);
  });

  it('finds items by segment', () => {
    expect(findNavItem('returns')?.label).toBe('Returns');
    expect(findNavItem('nope')).toBeUndefined();
  });
});
