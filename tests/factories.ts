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

export async function createUser(input: { email?: string; name?: string } = {}) {
  const suffix = unique();
  return systemDb().user.create({
    data: { email: input.email ?? `user-${suffix}@example.test`, name: input.name ?? `Test User ${suffix}` },
  });
}

export async function addMember(organizationId: string, userId: string, role: MembershipRole = 'VIEWER') {
  return systemDb().membership.create({ data: { organizationId, userId, role } });
}
