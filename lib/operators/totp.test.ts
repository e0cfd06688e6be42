import { describe, expect, it } from 'vitest';
import { checkTotp, currentTotp, newTotpSecret, totpUri } from './totp.ts';

describe('operator TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 25, 12, 0, 10);

  it('accepts the current code, ±1 step, and refuses others', () => {
    expect(checkTotp(secret, currentTotp(secret, now), null, now)).toBe(Math.floor(now / 30_000));
    expect(checkTotp(secret, currentTotp(secret, now - 30_000), null, now)).not.toBeNull();
    expect(checkTotp(secret, currentTotp(secret, now - 90_000), null, now)).toBeNull();
    expect(checkTotp(secret, '000000', null, now) === null || currentTotp(secret, now) === '000000').toBe(
      true,
    );
  });

  it('refuses a code from an already used time step (replay)', () => {
    const step = checkTotp(secret, currentTotp(secret, now), null, now)!;
    expect(checkTotp(secret, currentTotp(secret, now), step, now)).toBeNull();
    expect(checkTotp(secret, currentTotp(secret, now + 30_000), step, now + 30_000)).toBe(step + 1);
  });

  it('builds an otpauth URI for authenticator apps', () => {
    expect(totpUri(secret, 'ops@packline.test')).toMatch(/^otpauth:\/\/totp\/.*secret=/);
  });
});
