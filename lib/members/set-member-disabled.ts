// Disables (or re-enables) a member: the row and role stay, access stops on the very next request
// (a disabled membership resolves like no membership, resolve-tenant-context.ts).
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
import { ZSetMemberDisabledInput, type TSetMemberDisabledInput } from './schemas.ts';

export async function setMemberDisabled(ctx: TenantContext, input: TSetMemberDisabledInput): Promise<void> {
  assertAccessManager(ctx, 'members.update');
  const { membershipId, disabled } = ZSetMemberDisabledInput.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    await lockMemberships(tx, ctx.organizationId);
    const member = await loadMembershipOrThrow(tx, ctx, membershipId);
    if (ctx.actor.type === 'USER' && ctx.actor.id === member.userId) {
      throw new AppError('CONFLICT', 'you cannot disable yourself');
    }
    if ((member.disabledAt !== null) === disabled) return;
    assertMayManageRole(ctx, member.role);
    if (disabled && member.role === 'OWNER') await assertNotLastOwner(tx, ctx, member.id);
    await tx.membership.update({
      where: { id: member.id },
      data: { disabledAt: disabled ? new Date() : null },
    });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: disabled ? 'member.disabled' : 'member.enabled',
      targetType: 'membership',
      targetId: member.id,
      metadata: { userId: member.userId },
    });
  });
}
