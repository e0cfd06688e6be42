import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BLIND_INDEX_BYTES,
  blindIndex,
  blindIndexEmail,
  blindIndexPhone,
  blindIndexPostcode,
  normaliseEmail,
  normalisePhone,
  normalisePostcode,
} from './blind-index.ts';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('normalisation', () => {
  it('email: trims and lower-cases, keeps plus-tags and dots', () => {
    expect(normaliseEmail('  Ann.Smith+Shop@Example.COM \n')).toBe('ann.smith+shop@example.com');
    expect(normaliseEmail('ann.smith@example.com')).not.toBe(normaliseEmail('annsmith@example.com'));
    expect(normaliseEmail('ann+a@example.com')).not.toBe(normaliseEmail('ann@example.com'));
    // Composed and decomposed é are the same address.
    expect(normaliseEmail('Jos\u00e9@example.com')).toBe(normaliseEmail('Jose\u0301@example.com'));
  });

  it('phone: digits only, leading + kept', () => {
    expect(normalisePhone('+44 20 7946-0000')).toBe('+442079460000');
    expect(normalisePhone(' (020) 7946 0000 ')).toBe('02079460000');
    expect(normalisePhone('+1.555.010.0199')).toBe('+15550100199');
    expect(normalisePhone('\uff0b\uff14\uff14\uff12\uff10')).toBe('+4420'); // full-width ＋４４２０
    expect(normalisePhone('555+1')).toBe('5551');
    expect(normalisePhone('n/a')).toBe('');
  });

  it('postcode: upper-case, no whitespace', () => {
    expect(normalisePostcode(' sw1a 1aa ')).toBe('SW1A1AA');
    expect(normalisePostcode('10\u00a0115')).toBe('10115');
    expect(normalisePostcode('12345-6789')).toBe('12345-6789');
  });
});

describe('blind index', () => {
  it('is HMAC-SHA256(key, "<kind>:" + normalised) truncated to 16 bytes', () => {
    const expected = createHmac('sha256', keyA).update('email:ann@example.com').digest().subarray(0, 16);
    const actual = blindIndexEmail(keyA, ' ANN@example.com ');
    expect(actual).toHaveLength(BLIND_INDEX_BYTES);
    expect(actual!.equals(expected)).toBe(true);
  });

  it('is stable for a fixed key (a persisted format)', () => {
    const key = Buffer.alloc(32, 7);
    expect(blindIndexPostcode(key, 'sw1a 1aa')!.toString('hex')).toBe(
      createHmac('sha256', key).update('postcode:SW1A1AA').digest('hex').slice(0, 32),
    );
    expect(blindIndexPostcode(key, 'SW1A1AA')!.toString('hex')).toBe('0c502baec30eee569516f213da7b36e9');
  });

  it('matches spellings that normalise alike, separates those that do not', () => {
    expect(
      blindIndexPhone(keyA, '+44 20 7946 0000')!.equals(blindIndexPhone(keyA, '+44-20-7946-0000')!),
    ).toBe(true);
    expect(
      blindIndexEmail(keyA, 'ann+x@example.com')!.equals(blindIndexEmail(keyA, 'ann@example.com')!),
    ).toBe(false);
  });

  it('differs between organizations (keys) and between kinds', () => {
    expect(blindIndexEmail(keyA, 'ann@example.com')!.equals(blindIndexEmail(keyB, 'ann@example.com')!)).toBe(
      false,
    );
    expect(blindIndex(keyA, 'phone', '12345')!.equals(blindIndex(keyA, 'postcode', '12345')!)).toBe(false);
  });

  it('returns null for values that normalise to nothing', () => {
    expect(blindIndexEmail(keyA, '   ')).toBeNull();
    expect(blindIndexPhone(keyA, 'unknown')).toBeNull();
  });

  it('refuses a short key', () => {
    expect(() => blindIndexEmail(randomBytes(16), 'ann@example.com')).toThrow(TypeError);
  });
});
