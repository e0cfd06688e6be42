// Lockouts under a burst of concurrent guesses (real Redis and Postgres): every attempt is counted
// before its check, so of 50 simultaneous wrong passwords or codes for one account only 5 reach
// bcrypt (or the TOTP check), and a right password or code that arrives after the lockout is refused.
// verifyPassword is wrapped in a pass-through spy (real bcrypt still runs) to count the checks.
import { Secret, TOTP } from 'otpauth';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { createUserWithPassword, TEST_BCRYPT_COST } from '../../tests/factories.ts';
import { changePassword } from './change-password.ts';
import { confirmMfaEnrolment, startMfaEnrolment, verifyMfaCode } from './mfa/mfa.ts';
import { verifyPassword } from './password-hash.ts';
import { LIMITS } from './rate-limits.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

vi.mock('./password-hash.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password-hash.ts')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

afterAll(disconnectLimitsRedis);

const BURST = 50;
const checksOf = (passwordHash: string | null) =>
  vi.mocked(verifyPassword).mock.calls.filter(([, hash]) => hash === passwordHash).length;
const ipOf = (i: number) => `198.51.100.${i + 1}`;

async function eventCount(userId: string, action: string): Promise<number> {
  return appDb().securityEvent.count({ where: { userId, action } });
}

describe('lockouts under concurrent attempts', () => {
  it('sign-in: only 5 of 50 concurrent wrong passwords reach bcrypt, and a right one after them is refused', async () => {
    const user = await createUserWithPassword();
    const attempts = Array.from({ length: BURST + 1 }, (_, i) => i);
    // The right password is sent in the middle of the burst, after the account's fifth attempt.
    const rightAt = BURST / 2;
    // Each attempt from its own address: the account limit alone must hold.
    const results = await Promise.all(
      attempts.map((i) =>
        signInWithPassword(
          { email: user.email, password: i === rightAt ? user.password : `wrong-guess-${i}` },
          { ip: ipOf(i) },
        ),
      ),
    );
    expect(checksOf(user.passwordHash)).toBe(LIMITS.signInAccount.points);
    expect(results[rightAt]).toMatchObject({ ok: false, reason: 'locked' });
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(await eventCount(user.id, 'auth.sign_in_failed')).toBe(LIMITS.signInAccount.points);
    expect(await eventCount(user.id, 'auth.lockout')).toBe(1);
    // Still locked afterwards, without another bcrypt.
    expect(
      await signInWithPassword({ email: user.email, password: user.password }, { ip: ipOf(200) }),
    ).toMatchObject({ ok: false, reason: 'locked' });
    expect(checksOf(user.passwordHash)).toBe(LIMITS.signInAccount.points);
  });

  it('change-password: only 5 of 50 concurrent wrong current passwords reach bcrypt', async () => {
    const user = await createUserWithPassword();
    const newPassword = 'violet harbour lanterns drift';
    const outcomes = await Promise.allSettled(
      Array.from({ length: BURST }, (_, i) =>
        changePassword(
          user.id,
          { currentPassword: `wrong-current-${i}`, newPassword },
          { ip: ipOf(i) },
          { cost: TEST_BCRYPT_COST },
        ),
      ),
    );
    expect(checksOf(user.passwordHash)).toBe(LIMITS.signInAccount.points);
    const codes = outcomes.map((o) =>
      o.status === 'rejected' && o.reason instanceof AppError ? o.reason.code : 'other',
    );
    expect(codes.filter((c) => c === 'UNPROCESSABLE')).toHaveLength(LIMITS.signInAccount.points);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(BURST - LIMITS.signInAccount.points);
    expect(await eventCount(user.id, 'auth.lockout')).toBe(1);
    // The right current password is refused while locked, and the password is unchanged.
    await expect(
      changePassword(
        user.id,
        { currentPassword: user.password, newPassword },
        {},
        { cost: TEST_BCRYPT_COST },
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const row = await appDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toBe(user.passwordHash);
  });

  it('MFA: only 5 of 50 concurrent wrong codes are checked, and the right code after them is refused', async () => {
    const user = await createUserWithPassword();
    const secret = (await startMfaEnrolment(user.id)).secretForDisplay.replace(/\s/g, '');
    const codeAt = (offsetSteps: number) =>
      TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });
    await confirmMfaEnrolment(user.id, codeAt(-1));
    // Wrong codes shaped like recovery codes (a wrong 6-digit code could be right by chance).
    const outcomes = await Promise.allSettled(
      Array.from({ length: BURST }, (_, i) => verifyMfaCode(user.id, `wrong-${String(i).padStart(5, 'x')}`)),
    );
    expect(await eventCount(user.id, 'auth.mfa_challenge_failed')).toBe(LIMITS.mfaAccount.points);
    expect(await eventCount(user.id, 'auth.mfa_lockout')).toBe(1);
    const codes = outcomes.map((o) =>
      o.status === 'rejected' && o.reason instanceof AppError ? o.reason.code : 'other',
    );
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(BURST - LIMITS.mfaAccount.points + 1);
    await expect(verifyMfaCode(user.id, codeAt(0))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
