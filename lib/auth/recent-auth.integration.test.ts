// Recent authentication before sensitive changes, through the real server actions and session
// cookie (next/headers stood in by a cookie jar): organization security settings and enrolling
// the MFA an organization requires are refused to a session whose last proof is old, and allowed
// after the re-authentication step; a user with MFA must show a code, the password is not enough.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PEER_ADDRESS_HEADER } from '../http/peer-address.ts';

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ [PEER_ADDRESS_HEADER]: '203.0.113.60' }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));

const { updateSecuritySettingsAction } = await import('@/app/(app)/[org]/security/actions.ts');
const { submitConfirmMfa, submitReauthenticate, submitStartMfa } =
  await import('@/app/account/security/actions.ts');
const { AppError } = await import('../errors/app-error.ts');
const { systemDb } = await import('../db/system.ts');
const { addMember, createOrganization, createUserWithPassword } = await import('../../tests/factories.ts');
const { confirmMfaEnrolment, startMfaEnrolment } = await import('./mfa/mfa.ts');
const { hasRecentAuthentication, RECENT_AUTH_SECONDS, REAUTHENTICATION_REQUIRED } =
  await import('./recent-auth.ts');
const { clearSessionStateCache } = await import('./session-state.ts');
const { decodeSessionToken, encodeSessionToken, sessionCookieName } = await import('./session-token.ts');
const { disconnectLimitsRedis } = await import('../redis/limits-redis.ts');

afterAll(disconnectLimitsRedis);
beforeEach(() => {
  jar.clear();
  clearSessionStateCache();
});

const now = () => Math.floor(Date.now() / 1000);
const STALE = now() - RECENT_AUTH_SECONDS - 120;

async function signInAs(
  userId: string,
  claims: { mfa: 'none' | 'verified'; pwdAt?: number; mfaAt?: number },
) {
  jar.set(
    sessionCookieName(),
    await encodeSessionToken({
      sub: userId,
      sv: claims.mfa === 'verified' ? 2 : 1,
      authTime: STALE,
      ...claims,
    }),
  );
}
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const codeAt = (secret: string, offsetSteps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });

async function adminOf() {
  const org = await createOrganization();
  const admin = await createUserWithPassword();
  await addMember(org.id, admin.id, 'ADMIN');
  return { org, admin };
}

describe('hasRecentAuthentication', () => {
  it('takes an MFA code, or the password only from a user without MFA, within the window', () => {
    const t = 1_000_000;
    expect(hasRecentAuthentication({ pwdAt: t - 60 }, false, t)).toBe(true);
    expect(hasRecentAuthentication({ pwdAt: t - 60 }, true, t)).toBe(false);
    expect(hasRecentAuthentication({ mfaAt: t - 60 }, true, t)).toBe(true);
    expect(hasRecentAuthentication({ pwdAt: t - RECENT_AUTH_SECONDS - 1 }, false, t)).toBe(false);
    expect(hasRecentAuthentication({ mfaAt: t - RECENT_AUTH_SECONDS - 1 }, true, t)).toBe(false);
    expect(hasRecentAuthentication({}, false, t)).toBe(false);
  });
});

describe('organization security settings', () => {
  it('are refused to a stale password session until the password is typed again', async () => {
    const { org, admin } = await adminOf();
    await signInAs(admin.id, { mfa: 'none', pwdAt: STALE });
    const input = { requireMfaForPii: true, amazonDppPasswordRules: false };
    expect(await updateSecuritySettingsAction(org.slug, input)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      (await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } })).requireMfaForPii,
    ).toBe(false);

    expect(await submitReauthenticate({}, form({ secret: 'not my password at all' }))).toEqual({
      fieldErrors: { secret: 'Your current password is not correct.' },
    });
    expect(await submitReauthenticate({}, form({ secret: admin.password }))).toMatchObject({ ok: true });
    // The re-issued cookie carries the proof; the rest of the session is unchanged.
    const session = await decodeSessionToken(jar.get(sessionCookieName()));
    expect(session).toMatchObject({ sub: admin.id, sv: 1, authTime: STALE, mfa: 'none' });
    expect(session!.pwdAt).toBeGreaterThan(STALE);

    expect(await updateSecuritySettingsAction(org.slug, input)).toMatchObject({ ok: true });
    expect(
      (await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } })).requireMfaForPii,
    ).toBe(true);
    const events = await systemDb().securityEvent.findMany({
      where: { userId: admin.id, action: 'auth.reauthenticated' },
    });
    expect(events).toHaveLength(1);
  });

  it('need a fresh MFA code from a user with MFA: a fresh password is not enough', async () => {
    const { org, admin } = await adminOf();
    const secret = (await startMfaEnrolment(admin.id)).secretForDisplay.replace(/\s/g, '');
    await confirmMfaEnrolment(admin.id, codeAt(secret, -1));
    await signInAs(admin.id, { mfa: 'verified', pwdAt: now(), mfaAt: STALE });
    const input = { requireMfaForPii: false, amazonDppPasswordRules: true };
    const refused = await updateSecuritySettingsAction(org.slug, input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The password is not what is asked for.
    expect(await submitReauthenticate({}, form({ secret: admin.password }))).toMatchObject({
      fieldErrors: { secret: expect.any(String) },
    });
    expect(await submitReauthenticate({}, form({ secret: codeAt(secret) }))).toMatchObject({ ok: true });
    expect(await updateSecuritySettingsAction(org.slug, input)).toMatchObject({ ok: true });
  });
});

describe('MFA enrolment where an organization requires it', () => {
  it('needs a recent authentication; elsewhere it does not', async () => {
    const strict = await createOrganization();
    await systemDb().organization.update({ where: { id: strict.id }, data: { requireMfaForPii: true } });
    const required = await createUserWithPassword();
    await addMember(strict.id, required.id, 'OWNER');
    await signInAs(required.id, { mfa: 'none', pwdAt: STALE });
    const error = await submitStartMfa().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { reason: REAUTHENTICATION_REQUIRED } });
    expect(
      (await systemDb().user.findUniqueOrThrow({ where: { id: required.id } })).totpSecretEnc,
    ).toBeNull();

    // An enrolment started earlier cannot be finished from the stale session either.
    const secret = (await startMfaEnrolment(required.id)).secretForDisplay.replace(/\s/g, '');
    expect(await submitConfirmMfa({}, form({ code: codeAt(secret) }))).toMatchObject({
      message: expect.stringMatching(/confirm it is you/i),
    });
    expect((await systemDb().user.findUniqueOrThrow({ where: { id: required.id } })).mfaEnabledAt).toBeNull();
    await submitReauthenticate({}, form({ secret: required.password }));
    expect(await submitConfirmMfa({}, form({ code: codeAt(secret) }))).toMatchObject({ ok: true });

    // No organization requires it: a stale session may enrol (the user's own choice).
    const free = await createUserWithPassword();
    await signInAs(free.id, { mfa: 'none', pwdAt: STALE });
    await expect(submitStartMfa()).resolves.toBeUndefined();
    expect(
      (await systemDb().user.findUniqueOrThrow({ where: { id: free.id } })).totpSecretEnc,
    ).not.toBeNull();
  });
});
