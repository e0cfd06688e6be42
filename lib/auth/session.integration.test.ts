// getSessionUser against the database: a valid RS256 session cookie yields the user; raising
// the sessionVersion (password reset, role change, removal, "sign out everywhere"), disabling or
// deleting the user, a pending MFA challenge or the 24 h cap each end it at once.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemDb } from '../db/system.ts';
import { createUserWithPassword } from '../../tests/factories.ts';
import { bumpSessionVersion, clearSessionStateCache, SESSION_STATE_CACHE_MS } from './session-state.ts';
import { encodeSessionToken, sessionCookieName, type TSessionClaims } from './session-token.ts';

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
  }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));

const { getSessionUser, requireSessionUser, getPendingMfaSession } = await import('./session.ts');
const { disconnectLimitsRedis } = await import('../redis/limits-redis.ts');

afterAll(disconnectLimitsRedis);
beforeEach(() => {
  jar.clear();
  clearSessionStateCache();
});

const now = () => Math.floor(Date.now() / 1000);
async function signInAs(claims: TSessionClaims) {
  jar.set(sessionCookieName(), await encodeSessionToken(claims));
}

describe('getSessionUser', () => {
  it('returns the signed-in user', async () => {
    const user = await createUserWithPassword({ name: 'Sam Session' });
    await signInAs({ sub: user.id, sv: 1, authTime: now(), mfa: 'verified' });
    expect(await getSessionUser()).toEqual({
      userId: user.id,
      email: user.email,
      name: 'Sam Session',
      sessionVersion: 1,
      mfaVerified: true,
    });
    expect((await requireSessionUser()).userId).toBe(user.id);
  });

  it('is null without a cookie, and requireSessionUser redirects to /sign-in', async () => {
    expect(await getSessionUser()).toBeNull();
    await expect(requireSessionUser()).rejects.toThrow('redirect:/sign-in');
  });

  it('ends at once when the sessionVersion moves on (revocation)', async () => {
    const user = await createUserWithPassword();
    await signInAs({ sub: user.id, sv: 1, authTime: now(), mfa: 'none' });
    expect(await getSessionUser()).not.toBeNull();
    await bumpSessionVersion(user.id);
    expect(await getSessionUser()).toBeNull();
  });

  it('reaches other processes within the cache window', async () => {
    const user = await createUserWithPassword();
    await signInAs({ sub: user.id, sv: 1, authTime: now(), mfa: 'none' });
    expect(await getSessionUser()).not.toBeNull();
    // Another process raises the version: this one's cache still says 1 for at most a moment.
    await systemDb().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await new Promise((r) => setTimeout(r, SESSION_STATE_CACHE_MS + 50));
    expect(await getSessionUser()).toBeNull();
  });

  it('refuses disabled and deleted users', async () => {
    const user = await createUserWithPassword();
    await systemDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await signInAs({ sub: user.id, sv: 1, authTime: now(), mfa: 'none' });
    expect(await getSessionUser()).toBeNull();
    const gone = await createUserWithPassword();
    await systemDb().user.delete({ where: { id: gone.id } });
    await signInAs({ sub: gone.id, sv: 1, authTime: now(), mfa: 'none' });
    expect(await getSessionUser()).toBeNull();
  });

  it('does not count a session still waiting for its MFA code', async () => {
    const user = await createUserWithPassword();
    await signInAs({ sub: user.id, sv: 1, authTime: now(), mfa: 'pending' });
    expect(await getSessionUser()).toBeNull();
    expect(await getPendingMfaSession()).toMatchObject({ userId: user.id });
  });

  it('ends after the 24-hour cap even while the token is fresh', async () => {
    const user = await createUserWithPassword();
    await signInAs({ sub: user.id, sv: 1, authTime: now() - 24 * 3600 + 2, mfa: 'none' });
    expect(await getSessionUser()).not.toBeNull();
    await new Promise((r) => setTimeout(r, 3000));
    clearSessionStateCache();
    expect(await getSessionUser()).toBeNull();
  });
});
