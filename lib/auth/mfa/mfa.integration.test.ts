// TOTP enrolment and challenge: the secret is stored encrypted, codes work once (no replay),
// recovery codes are single use, wrong codes lock out after 5 with a security event, and no seed
// or code appears in any stored event.
import { Secret, TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '../../db/client.ts';
import { systemDb } from '../../db/system.ts';
import { createUserWithPassword } from '../../../tests/factories.ts';
import { confirmMfaEnrolment, disableMfa, startMfaEnrolment, verifyMfaCode } from './mfa.ts';
import { disconnectLimitsRedis } from '../../redis/limits-redis.ts';

afterAll(disconnectLimitsRedis);

const secretOf = (display: string) => display.replace(/\s/g, '');
const codeAt = (secret: string, offsetSteps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });

async function enrolled() {
  const user = await createUserWithPassword();
  const enrolment = await startMfaEnrolment(user.id);
  const secret = secretOf(enrolment.secretForDisplay);
  const { recoveryCodes } = await confirmMfaEnrolment(user.id, codeAt(secret, -1));
  return { user, secret, recoveryCodes, enrolment };
}

describe('TOTP MFA', () => {
  it('enrols with a QR code, stores the secret encrypted, and returns 10 recovery codes', async () => {
    const { user, secret, recoveryCodes, enrolment } = await enrolled();
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Packline:/);
    const row = await appDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mfaEnabledAt).not.toBeNull();
    expect(row.totpSecretEnc).not.toContain(secret);
    expect(row.sessionVersion).toBe(2); // sessions that never passed MFA end
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = JSON.stringify(await appDb().mfaRecoveryCode.findMany({ where: { userId: user.id } }));
    for (const c of recoveryCodes) expect(stored).not.toContain(c);
  });

  it('refuses a wrong first code', async () => {
    const user = await createUserWithPassword();
    await startMfaEnrolment(user.id);
    await expect(confirmMfaEnrolment(user.id, '000000')).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('accepts the current code once (no replay) and a recovery code once', async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const code = codeAt(secret);
    await expect(verifyMfaCode(user.id, code)).resolves.toEqual({ method: 'totp' });
    await expect(verifyMfaCode(user.id, code)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(verifyMfaCode(user.id, recoveryCodes[0]!.toUpperCase())).resolves.toEqual({
      method: 'recovery_code',
    });
    await expect(verifyMfaCode(user.id, recoveryCodes[0]!)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('locks out after 5 wrong codes with a security event', async () => {
    const { user, secret } = await enrolled();
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await verifyMfaCode(user.id, `11111${i}`).catch((e: { code: string }) => e.code));
    }
    expect(outcomes.slice(0, 4)).toEqual(Array(4).fill('UNPROCESSABLE'));
    expect(outcomes.slice(4)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Even a right code waits out the lockout.
    await expect(verifyMfaCode(user.id, codeAt(secret, 1))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const actions = (await appDb().securityEvent.findMany({ where: { userId: user.id } })).map(
      (e) => e.action,
    );
    expect(actions).toContain('auth.mfa_lockout');
  });

  it('turns off with a valid code, and never stores seeds or codes in events', async () => {
    const { user, secret } = await enrolled();
    await disableMfa(user.id, codeAt(secret, 1));
    const row = await appDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mfaEnabledAt).toBeNull();
    expect(row.totpSecretEnc).toBeNull();
    const events = JSON.stringify(
      [
        await appDb().securityEvent.findMany({ where: { userId: user.id } }),
        await systemDb().auditEvent.findMany(),
      ],
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    );
    expect(events).toContain('auth.mfa_enabled');
    expect(events).toContain('auth.mfa_disabled');
    expect(events).not.toContain(secret);
  });
});
