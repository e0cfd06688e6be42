// Revokes a pending invitation: its link stops working at once.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import { auditActor } from './owner-guard.ts';
import { ZInvitationRef } from './schemas.ts';

export async function revokeInvitation(ctx: TenantContext, input: { invitationId: string }): Promise<void> {
  assertAccessManager(ctx, 'members.invite');
  const { invitationId } = ZInvitationRef.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    const done = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (done.count !== 1) throw new AppError('NOT_FOUND', 'invitation not found');
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'member.invitation_revoked',
      targetType: 'invitation',
      targetId: invitationId,
    });
  });
}
