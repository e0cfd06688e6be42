// Test factories: each test builds its own tenants and users (STYLE.md "Tests and habits").
// They write through the system client so a factory never depends on the code under test.
import { randomBytes } from 'node:crypto';
import { systemDb } from '../lib/db/system.ts';
import type { MembershipRole } from '../lib/db/generated/prisma/enums.ts';

const unique = () => randomBytes(4).toString('hex');

export async function createOrganization(input: { name?: string; slug?: string } = {}) {
  const suffix = unique();
  return systemDb().organization.create({
    data: { name: input.name ?? `Test Org ${suffix}`, slug: input.slug ?? `test-org-${suffix}` },
  });
}

/** Users have a verified email unless `emailVerified: false` (an account fresh from sign-up). */
export async function createUser(input: { email?: string; name?: string; emailVerified?: boolean } = {}) {
  const suffix = unique();
  return systemDb().user.create({
    data: {
      email: input.email ?? `user-${suffix}@example.test`,
      name: input.name ?? `Test User ${suffix}`,
      emailVerifiedAt: input.emailVerified === false ? null : new Date(),
    },
  });
}

export async function addMember(organizationId: string, userId: string, role: MembershipRole = 'VIEWER') {
  return systemDb().membership.create({ data: { organizationId, userId, role } });
}

/** A password that passes the policy, for users made by createUserWithPassword. */
export const TEST_PASSWORD = 'violet tractor sings loudly';
/** bcrypt cost for test users: low on purpose, passed explicitly (production is always 12). */
export const TEST_BCRYPT_COST = 4;

export async function createUserWithPassword(
  input: {
    email?: string;
    name?: string;
    password?: string;
    passwordChangedAt?: Date;
    emailVerified?: boolean;
  } = {},
) {
  const { hash } = await import('@node-rs/bcrypt');
  const suffix = unique();
  const passwordHash = await hash(input.password ?? TEST_PASSWORD, { cost: TEST_BCRYPT_COST });
  const user = await systemDb().user.create({
    data: {
      email: input.email ?? `user-${suffix}@example.test`,
      name: input.name ?? `Test User ${suffix}`,
      passwordHash,
      passwordChangedAt: input.passwordChangedAt ?? new Date(),
      emailVerifiedAt: input.emailVerified === false ? null : new Date(),
    },
  });
  await systemDb().passwordHistory.create({ data: { userId: user.id, passwordHash } });
  return { ...user, password: input.password ?? TEST_PASSWORD };
}
