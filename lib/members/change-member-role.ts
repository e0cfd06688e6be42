// Changes a member's role. Effective on the member's very next request: every request resolves
// the membership afresh (lib/auth/resolve-tenant-context.ts), so no token needs revoking.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  assertMayManageRole,
  assertNotLastOwner,
  auditActor,
  loadMembershipOrThrow,
  lockMemberships,
} from './owner-guard.ts';
import { ZChangeMemberRoleInput, type TChangeMemberRoleInput } from './schemas.ts';

export async function changeMemberRole(ctx: TenantContext, input: TChangeMemberRoleInput): Promise<void> {
  assertAccessManager(ctx, 'members.update');
  const { membershipId, role } = ZChangeMemberRoleInput.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    await lockMemberships(tx, ctx.organizationId);
    const member = await loadMembershipOrThrow(tx, ctx, membershipId);
    if (member.role === role) return;
    assertMayManageRole(ctx, member.role, role);
    if (member.role === 'OWNER') await assertNotLastOwner(tx, ctx, member.id);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'member.role_changed',
      targetType: 'membership',
      targetId: member.id,
      metadata: { from: member.role, to: role, userId: member.userId },
    });
  });
}
