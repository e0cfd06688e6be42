import { describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertDemoSeedAllowed, DEMO_USERS, seedDemo } from './seed-demo.ts';

describe('seedDemo', () => {
  it('creates the demo tenant once, even when started twice at the same time', async () => {
    const results = await Promise.all([seedDemo(), seedDemo()]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await seedDemo()).toEqual({ created: false, slug: 'demo' });
    const org = await systemDb().organization.findUniqueOrThrow({ where: { slug: 'demo' } });
    const members = await withTenant(org.id, (tx) => tx.membership.findMany());
    expect(members.map((m) => m.role).sort()).toEqual(DEMO_USERS.map((u) => u.role).sort());
    // The demo can ship: the built-in test carrier with a catch-all rule.
    const rules = await withTenant(org.id, (tx) =>
      tx.shippingRule.findMany({ include: { carrierAccount: true } }),
    );
    expect(rules.map((r) => [r.carrierAccount.carrier, r.serviceCode, r.countryCodes])).toEqual([
      ['TEST', 'TEST24', []],
    ]);
    // The demo accounts cannot receive mail: they are verified (invitations, Google sign-in).
    const users = await systemDb().user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) } },
    });
    expect(users).toHaveLength(DEMO_USERS.length);
    expect(users.every((u) => u.emailVerifiedAt !== null)).toBe(true);
  });

  it('refuses to run in production (the demo password is public)', () => {
    expect(() => assertDemoSeedAllowed('production')).toThrow(AppError);
    expect(() => assertDemoSeedAllowed('production')).toThrow(/never runs with NODE_ENV=production/);
    expect(() => assertDemoSeedAllowed('development')).not.toThrow();
    expect(() => assertDemoSeedAllowed('test')).not.toThrow();
  });
});
