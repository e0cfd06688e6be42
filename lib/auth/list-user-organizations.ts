// The organizations a user belongs to (active memberships only), for the organization switcher,
// the post-sign-in redirect, the password policy and the audit fan-out of account events.
// Cross-tenant by nature (before any tenant is chosen), so it uses the reviewed system client
// (lib/db/system.ts) and filters by the user id it is given — never by anything from the client.
import { z } from 'zod';
import type { MembershipRole } from '../db/generated/prisma/enums.ts';
import { systemDb } from '../db/system.ts';

export interface UserOrganization {
  id: string;
  slug: string;
  name: string;
  role: MembershipRole;
  requireMfaForPii: boolean;
  amazonDppPasswordRules: boolean;
}

export async function listUserOrganizations(userId: string, limit = 100): Promise<UserOrganization[]> {
  const id = z.uuid().parse(userId);
  const rows = await systemDb().membership.findMany({
    where: { userId: id, disabledAt: null, organization: { status: 'ACTIVE' } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: {
      role: true,
      organization: {
        select: { id: true, slug: true, name: true, requireMfaForPii: true, amazonDppPasswordRules: true },
      },
    },
  });
  return rows.map((r) => ({ ...r.organization, role: r.role }));
}
