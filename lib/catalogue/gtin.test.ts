import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, gtinVariants, isValidGtin } from './gtin.ts';

describe('GTIN check digits', () => {
  it.each([
    ['4006381333931', true], // EAN-13
    ['036000291452', true], // UPC-A
    ['96385074', true], // EAN-8
    ['10614141000415', true], // GTIN-14
    ['00012345600012', true],
    ['4006381333932', false], // wrong check digit
    ['036000291453', false],
    ['96385075', false],
    ['400638133393', false], // 12 digits, wrong check for that length
    ['1234567', false], // bad length
    ['123456789012345', false],
    ['40063813339A1', false],
    ['', false],
  ])('%s is %s', (code, valid) => {
    expect(isValidGtin(code)).toBe(valid);
  });

  it('computes the check digit', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });

  it('lists the zero-padded forms of the same number', () => {
    expect(gtinVariants('036000291452')).toEqual(['036000291452', '0036000291452', '00036000291452']);
    expect(gtinVariants('0036000291452')).toEqual(['036000291452', '0036000291452', '00036000291452']);
    expect(gtinVariants('4006381333931')).toEqual(['4006381333931', '04006381333931']);
    expect(gtinVariants('4006381333932')).toEqual([]);
  });
});
