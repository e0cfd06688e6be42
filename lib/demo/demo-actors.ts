// The demo users as the actors of the seed's use cases (lib/demo/seed-demo.ts creates them): what
// the seed does shows in the audit log and the ledger under the person who would have done it.
import { withTenant } from '../db/tenant.ts';
import { userContext, type TenantContext } from '../tenancy/tenant-context.ts';
import { DEMO_USERS } from './seed-demo.ts';

export interface DemoActors {
  owner: TenantContext;
  manager: TenantContext;
  picker: TenantContext;
}

export async function demoActors(organizationId: string): Promise<DemoActors> {
  const members = await withTenant(organizationId, (tx) =>
    tx.membership.findMany({
      where: { organizationId, user: { email: { in: DEMO_USERS.map((u) => u.email) } } },
      select: { userId: true, role: true, user: { select: { email: true } } },
    }),
  );
  const actor = (email: string): TenantContext => {
    const member = members.find((m) => m.user.email === email);
    if (!member) throw new Error(`the demo organization has no member ${email}`);
    return userContext({ organizationId, userId: member.userId, role: member.role });
  };
  const [owner, manager, picker] = DEMO_USERS.map((u) => actor(u.email)) as [
    TenantContext,
    TenantContext,
    TenantContext,
  ];
  return { owner, manager, picker };
}
