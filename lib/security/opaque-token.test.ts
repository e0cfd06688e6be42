import { describe, expect, it } from 'vitest';
import { hashOpaqueToken, newOpaqueToken, newPublicId, opaqueTokenMatches } from './opaque-token.ts';

describe('opaque tokens', () => {
  it('are 256-bit, prefixed, unique, and stored only as their SHA-256', () => {
    const a = newOpaqueToken('pls');
    const b = newOpaqueToken('pls');
    expect(a).toMatch(/^pls_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(hashOpaqueToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(a)).not.toContain(a.slice(4));
    expect(newPublicId('plc')).toMatch(/^plc_[A-Za-z0-9_-]{22}$/);
  });

  it('compare against the stored hash', () => {
    const token = newOpaqueToken('plr');
    expect(opaqueTokenMatches(token, hashOpaqueToken(token))).toBe(true);
    expect(opaqueTokenMatches(`${token}x`, hashOpaqueToken(token))).toBe(false);
    expect(opaqueTokenMatches(token, 'not-hex')).toBe(false);
  });
});
