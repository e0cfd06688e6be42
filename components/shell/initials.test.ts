import { describe, it, expect } from 'vitest';
import { initials } from './initials.ts';

describe('initials', () => {
  it.each([
    ['Acme Fulfilment Ltd', 'AF'],
    ['acme', 'A'],
    ['jo.bloggs@example.test', 'JB'],
    ['  Émile   Zola ', 'ÉZ'],
    ['(Test) Shop', 'TS'],
    ['', '?'],
    ['---', '?'],
  ])('%j → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
