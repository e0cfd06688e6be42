// Pending invitations of an organization, newest first (the members screen).
import type { MembershipRole } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

export interface PendingInvitation {
  id: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
}

export async function listPendingInvitations(ctx: TenantContext): Promise<PendingInvitation[]> {
  return withTenant(ctx.organizationId, (tx) =>
    tx.invitation.findMany({
      where: {
        organizationId: ctx.organizationId,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      orderBy: { createdAt: 'desc' },
      take: 100,
      select: { id: true, email: true, role: true, expiresAt: true },
    }),
  );
}
