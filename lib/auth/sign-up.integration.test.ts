// Sign-up creates the user, the organization and the OWNER membership in one tenant transaction
// (withTenant with the new organization's id, no system client), with audit; bad input is a
// clear 4xx AppError, never a 500.
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { systemDb } from '../db/system.ts';
import { verifyPassword } from './password-hash.ts';
import { signUp, slugify } from './sign-up.ts';
import { TEST_BCRYPT_COST } from '../../tests/factories.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

afterAll(disconnectLimitsRedis);

const opts = { cost: TEST_BCRYPT_COST };
const input = (over: Record<string, unknown> = {}) => ({
  name: 'Nora Newcomer',
  email: `nora-${Math.random().toString(36).slice(2, 8)}@shop.test`,
  password: 'violet tractor sings loudly',
  organizationName: 'Nora’s Nice Socks',
  ...over,
});

describe('signUp', () => {
  it('creates a user who owns a new organization, with the password hashed and audited', async () => {
    const data = input();
    const result = await signUp(data, { ip: '192.0.2.1' }, opts);
    expect(result.slug).toBe('nora-s-nice-socks');
    const user = await appDb().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe(data.email);
    expect(user.passwordHash).not.toContain(data.password);
    expect(await verifyPassword(data.password, user.passwordHash!)).toBe(true);
    const membership = await systemDb().membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ organizationId: result.organizationId, role: 'OWNER' });
    const audit = await systemDb().auditEvent.findMany({ where: { organizationId: result.organizationId } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['organization.created', 'auth.signed_up']),
    );
    expect(await appDb().passwordHistory.count({ where: { userId: user.id } })).toBe(1);
  });

  it('picks another slug when the name is taken', async () => {
    const a = await signUp(input({ organizationName: 'Twin Shop' }), { ip: '192.0.2.2' }, opts);
    const b = await signUp(input({ organizationName: 'Twin Shop' }), { ip: '192.0.2.2' }, opts);
    expect(a.slug).toBe('twin-shop');
    expect(b.slug).toMatch(/^twin-shop-[a-z0-9]{1,4}$/);
  });

  it('refuses weak passwords, bad emails and a taken email with field errors', async () => {
    await expect(signUp(input({ password: 'short' }), { ip: '192.0.2.3' }, opts)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      details: expect.objectContaining({ field: 'password', issues: expect.arrayContaining(['too_short']) }),
    });
    await expect(
      signUp(input({ password: 'nora-warehouse-2026' }), { ip: '192.0.2.3' }, opts),
    ).rejects.toMatchObject({
      details: expect.objectContaining({ issues: ['contains_personal_info'] }),
    });
    await expect(signUp(input({ email: 'not-an-email' }), { ip: '192.0.2.3' }, opts)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      details: { field: 'email' },
    });
    const taken = input();
    await signUp(taken, { ip: '192.0.2.3' }, opts);
    await expect(
      signUp({ ...taken, email: taken.email.toUpperCase() }, { ip: '192.0.2.3' }, opts),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'email' },
    });
  });

  it('refuses bots: the honeypot and more than 10 sign-ups an hour from one address', async () => {
    await expect(
      signUp(input({ website: 'http://spam.test' }), { ip: '192.0.2.50' }, opts),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    const ip = '192.0.2.51';
    const outcomes = [];
    for (let i = 0; i < 11; i++) {
      outcomes.push(
        await signUp(input({ password: 'x' }), { ip }, opts).catch((e: { code: string }) => e.code),
      );
    }
    expect(outcomes.slice(0, 10).every((c) => c === 'UNPROCESSABLE')).toBe(true);
    expect(outcomes[10]).toBe('RATE_LIMITED');
  });

  it('slugify keeps URL-safe slugs', () => {
    expect(slugify('Ünïcode Café & Co.')).toBe('unicode-cafe-co');
    expect(slugify('!!')).toBe('org');
  });
});
