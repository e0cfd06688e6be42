// Email + password sign-in against real Postgres and Redis: success, identical failures for
// unknown users and wrong passwords (in result and timing), lockout after 5 failures with a
// security event, no bcrypt while locked, and no password in any stored event.
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { addMember, createOrganization, createUserWithPassword } from '../../tests/factories.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

afterAll(disconnectLimitsRedis);

const meta = { ip: '203.0.113.7', requestId: 'req-1' };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

describe('signInWithPassword', () => {
  it('signs a user in with the right password and records it in their organizations’ audit', async () => {
    const org = await createOrganization();
    const user = await createUserWithPassword();
    await addMember(org.id, user.id, 'MANAGER');
    const result = await signInWithPassword(
      { email: user.email.toUpperCase(), password: user.password },
      meta,
    );
    expect(result).toEqual({ ok: true, userId: user.id, sessionVersion: 1, mfaEnabled: false });
    const audit = await systemDb().auditEvent.findMany({ where: { organizationId: org.id } });
    expect(audit.map((a) => a.action)).toContain('auth.sign_in_succeeded');
  });

  it('answers an unknown email exactly like a wrong password, in similar time', async () => {
    const user = await createUserWithPassword();
    // Warm the dummy hash (computed once per process).
    await signInWithPassword({ email: 'warm@example.test', password: 'x' }, { ip: '203.0.113.99' });
    const [wrong, wrongMs] = await timed(() =>
      signInWithPassword({ email: user.email, password: 'not the password!' }, { ip: '203.0.113.8' }),
    );
    const [unknown, unknownMs] = await timed(() =>
      signInWithPassword(
        { email: 'nobody-here@example.test', password: 'not the password!' },
        { ip: '203.0.113.9' },
      ),
    );
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    // The dummy hash is cost 12 while test users are cost 4: unknown users are never faster.
    expect(unknownMs).toBeGreaterThan(wrongMs * 0.5);
    expect(unknownMs).toBeGreaterThan(100);
  });

  it('locks an account after 5 failures, records the lockout, and stops checking passwords', async () => {
    const user = await createUserWithPassword();
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await signInWithPassword({ email: user.email, password: `wrong-${i}-password` }, meta));
    }
    expect(results.slice(0, 4).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results[4]).toMatchObject({ ok: false, reason: 'locked' });
    // Even the right password is refused now, without touching bcrypt (fast).
    const [locked, ms] = await timed(() =>
      signInWithPassword({ email: user.email, password: user.password }, meta),
    );
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(ms).toBeLessThan(150);
    const events = await appDb().securityEvent.findMany({
      where: { userId: user.id },
      orderBy: { at: 'asc' },
    });
    expect(events.filter((e) => e.action === 'auth.sign_in_failed')).toHaveLength(5);
    expect(events.filter((e) => e.action === 'auth.lockout')).toHaveLength(1);
  });

  it('locks unknown emails the same way (lockout reveals nothing)', async () => {
    const email = 'ghost@example.test';
    let last;
    for (let i = 0; i < 5; i++)
      last = await signInWithPassword({ email, password: `guess-${i}` }, { ip: '198.51.100.4' });
    expect(last).toMatchObject({ ok: false, reason: 'locked' });
    const lockouts = await appDb().securityEvent.findMany({
      where: { action: 'auth.lockout', userId: null },
    });
    expect(lockouts.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a disabled user like a wrong password', async () => {
    const user = await createUserWithPassword();
    await systemDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(
      await signInWithPassword({ email: user.email, password: user.password }, { ip: '198.51.100.9' }),
    ).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('asks for a new password after 365 days when an organization has the Amazon DPP rules', async () => {
    const org = await createOrganization();
    await systemDb().organization.update({ where: { id: org.id }, data: { amazonDppPasswordRules: true } });
    const user = await createUserWithPassword({ passwordChangedAt: new Date(Date.now() - 400 * 86_400_000) });
    await addMember(org.id, user.id, 'ADMIN');
    expect(
      await signInWithPassword({ email: user.email, password: user.password }, { ip: '198.51.100.10' }),
    ).toEqual({
      ok: false,
      reason: 'password_expired',
    });
  });

  it('asks for a new password when the DPP rules came after a password without character classes', async () => {
    const org = await createOrganization();
    await systemDb().organization.update({ where: { id: org.id }, data: { amazonDppPasswordRules: true } });
    const plain = await createUserWithPassword({ password: 'violet tractor sings loudly' });
    const mixed = await createUserWithPassword({ password: 'Violet tractor sings 4 loudly' });
    await addMember(org.id, plain.id, 'VIEWER');
    await addMember(org.id, mixed.id, 'VIEWER');
    expect(
      await signInWithPassword({ email: plain.email, password: plain.password }, { ip: '198.51.100.12' }),
    ).toEqual({
      ok: false,
      reason: 'password_expired',
    });
    expect(
      await signInWithPassword({ email: mixed.email, password: mixed.password }, { ip: '198.51.100.12' }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('never stores a password in security or audit events', async () => {
    const secret = 'Sup3r-Secret-Typed-Password';
    const user = await createUserWithPassword();
    await signInWithPassword({ email: user.email, password: secret }, { ip: '198.51.100.11' });
    const rows = JSON.stringify(
      [await appDb().securityEvent.findMany(), await systemDb().auditEvent.findMany()],
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    );
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(user.passwordHash!);
    expect(rows).not.toContain(user.email);
  });
});
