// Tenant contexts for use-case tests: a member with a role, through the same userContext the app uses.
import type { MembershipRole } from '../../lib/db/generated/prisma/enums.ts';
import { userContext, type TenantContext } from '../../lib/tenancy/tenant-context.ts';
import { addMember, createUser } from '../factories.ts';

export async function memberContext(organizationId: string, role: MembershipRole): Promise<TenantContext> {
  const user = await createUser();
  await addMember(organizationId, user.id, role);
  return userContext({ organizationId, userId: user.id, role });
}
