// Removes a member (or, with `leave`, the caller themself). The membership row goes, so the very
// next request of that user finds no membership and gets a 404 (resolve-tenant-context.ts).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  assertMayManageRole,
  assertNotLastOwner,
  auditActor,
  loadMembershipOrThrow,
  lockMemberships,
} from './owner-guard.ts';
import { ZMembershipRef, type TMembershipRef } from './schemas.ts';

export async function removeMember(ctx: TenantContext, input: TMembershipRef): Promise<void> {
  const { membershipId } = ZMembershipRef.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    await lockMemberships(tx, ctx.organizationId);
    const member = await loadMembershipOrThrow(tx, ctx, membershipId);
    const self = ctx.actor.type === 'USER' && ctx.actor.id === member.userId;
    if (!self) {
      assertAccessManager(ctx, 'members.remove');
      assertMayManageRole(ctx, member.role);
    }
    if (member.role === 'OWNER') await assertNotLastOwner(tx, ctx, member.id);
    await tx.membership.delete({ where: { id: member.id } });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: self ? 'member.left' : 'member.removed',
      targetType: 'membership',
      targetId: member.id,
      metadata: { role: member.role, userId: member.userId },
    });
  });
}

/** The signed-in user leaves the organization. */
export async function leaveOrganization(ctx: TenantContext): Promise<void> {
  if (ctx.actor.type !== 'USER' || !ctx.actor.id) throw new AppError('FORBIDDEN', 'only members can leave');
  const userId = ctx.actor.id;
  const membershipId = await withTenant(ctx.organizationId, async (tx) => {
    const m = await tx.membership.findFirst({
      where: { organizationId: ctx.organizationId, userId },
      select: { id: true },
    });
    return m?.id;
  });
  if (!membershipId) throw new AppError('NOT_FOUND', 'member not found');
  await removeMember(ctx, { membershipId });
}
