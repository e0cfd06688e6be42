// Invites a person by email (issue 3, item 6): a single-use link valid INVITATION_TTL_DAYS days
// for one role. The token is stored only as its SHA-256 hash, travels in the link's fragment
// (`/invitations/accept#inv_…`, never sent to a server, so never in access logs or Referer), and
// an earlier pending invitation to the same address is revoked.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { sendEmail } from '../email/send-email.ts';
import { getEnv } from '../env.ts';
import { AppError } from '../errors/app-error.ts';
import { hashOpaqueToken, newOpaqueToken } from '../security/opaque-token.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import { assertMayManageRole, auditActor } from './owner-guard.ts';
import { INVITATION_TTL_DAYS, ZInviteMemberInput, type TInviteMemberInput } from './schemas.ts';

export function invitationLink(token: string): string {
  return new URL(`/invitations/accept#${token}`, getEnv().APP_URL).toString();
}

export async function inviteMember(
  ctx: TenantContext,
  input: TInviteMemberInput,
  organizationName: string,
): Promise<{ invitationId: string; expiresAt: Date }> {
  assertAccessManager(ctx, 'members.invite');
  const { email, role } = ZInviteMemberInput.parse(input);
  assertMayManageRole(ctx, role);
  const token = newOpaqueToken('inv');
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);

  const invitation = await withTenant(ctx.organizationId, async (tx) => {
    const existing = await tx.membership.findFirst({
      where: { organizationId: ctx.organizationId, user: { email } },
      select: { id: true },
    });
    if (existing) throw new AppError('CONFLICT', 'this person is already a member');
    await tx.invitation.updateMany({
      where: { organizationId: ctx.organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const row = await tx.invitation.create({
      data: {
        organizationId: ctx.organizationId,
        email,
        role,
        tokenHash: hashOpaqueToken(token),
        invitedById: ctx.actor.id,
        expiresAt,
      },
      select: { id: true, expiresAt: true },
    });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'member.invited',
      targetType: 'invitation',
      targetId: row.id,
      metadata: { role },
    });
    return row;
  });

  await sendEmail({
    kind: 'member.invitation',
    to: email,
    subject: `You are invited to ${organizationName} on Packline`,
    text: [
      `You have been invited to join ${organizationName} on Packline as ${role.toLowerCase()}.`,
      '',
      `Accept the invitation: ${invitationLink(token)}`,
      '',
      `The link works once and expires in ${INVITATION_TTL_DAYS} days. If you did not expect it, ignore this email.`,
    ].join('\n'),
  });
  return { invitationId: invitation.id, expiresAt: invitation.expiresAt };
}
