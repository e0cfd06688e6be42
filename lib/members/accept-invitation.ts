// Accepts an invitation for the signed-in user (issue 3, item 6). Only the account whose email the
// invitation was sent to may accept; the invitation is consumed with a conditional update, so a
// link works once even under concurrent clicks. Unknown, used, revoked and expired links all give
// the same 404 (nothing to learn by probing).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { findInvitationByToken } from './find-invitation-by-token.ts';
import { ZInvitationToken, type TInvitationToken } from './schemas.ts';

const gone = () => new AppError('NOT_FOUND', 'this invitation is invalid, used or expired');

export interface InvitationPreview {
  organizationName: string;
  role: string;
}

export async function previewInvitation(input: TInvitationToken): Promise<InvitationPreview> {
  const { token } = ZInvitationToken.parse(input);
  const inv = await findInvitationByToken(token);
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) throw gone();
  return { organizationName: inv.organization.name, role: inv.role };
}

export async function acceptInvitation(
  userId: string,
  input: TInvitationToken,
  meta: { ip?: string; requestId?: string } = {},
): Promise<{ organizationSlug: string }> {
  const { token } = ZInvitationToken.parse(input);
  const inv = await findInvitationByToken(token);
  if (!inv) throw gone();
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { email: true, disabledAt: true, emailVerifiedAt: true },
  });
  if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED', 'sign in required');
  // Whoever registered an address first must prove it before joining anything with it
  // (docs/decisions/0016-authentication-hardening.md).
  if (!user.emailVerifiedAt) {
    throw new AppError('FORBIDDEN', 'confirm your email address before accepting invitations', {
      reason: 'email_unverified',
    });
  }
  if (user.email.trim().toLowerCase() !== inv.email) {
    throw new AppError('FORBIDDEN', 'this invitation was sent to a different email address');
  }
  if (inv.organization.status === 'SUSPENDED') throw gone();

  await withTenant(inv.organizationId, async (tx) => {
    const consumed = await tx.invitation.updateMany({
      where: {
        id: inv.id,
        organizationId: inv.organizationId,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      data: { acceptedAt: new Date() },
    });
    if (consumed.count !== 1) throw gone();
    const existing = await tx.membership.findFirst({
      where: { organizationId: inv.organizationId, userId },
      select: { id: true },
    });
    if (existing) throw new AppError('CONFLICT', 'you are already a member of this organization');
    const membership = await tx.membership.create({
      data: { organizationId: inv.organizationId, userId, role: inv.role },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId: inv.organizationId,
      actorType: 'USER',
      actorId: userId,
      action: 'member.invitation_accepted',
      targetType: 'membership',
      targetId: membership.id,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { role: inv.role, invitationId: inv.id },
    });
  });
  return { organizationSlug: inv.organization.slug };
}
