// Invariants every membership change keeps: an organization always has at least one active OWNER,
// and only an OWNER grants, changes or removes the OWNER role. Changes to one organization's
// memberships are serialised by a transaction-scoped advisory lock, so two concurrent demotions
// cannot both pass the "another owner remains" check.
import type { MembershipRole } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

export async function lockMemberships(tx: TenantTx, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`memberships:${organizationId}`}, 0))`;
}

export async function loadMembershipOrThrow(tx: TenantTx, ctx: TenantContext, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organizationId: ctx.organizationId },
    select: { id: true, userId: true, role: true, disabledAt: true },
  });
  if (!membership) throw new AppError('NOT_FOUND', 'member not found');
  return membership;
}

export function assertMayManageRole(ctx: TenantContext, ...roles: MembershipRole[]): void {
  if (roles.includes('OWNER') && ctx.role !== 'OWNER') {
    throw new AppError('FORBIDDEN', 'only an owner can grant, change or remove the owner role');
  }
}

/** Throws when `membershipId` is the organization's last active OWNER. */
export async function assertNotLastOwner(
  tx: TenantTx,
  ctx: TenantContext,
  membershipId: string,
): Promise<void> {
  const others = await tx.membership.count({
    where: { organizationId: ctx.organizationId, role: 'OWNER', disabledAt: null, id: { not: membershipId } },
  });
  if (others === 0)
    throw new AppError('CONFLICT', 'the last owner cannot leave, be demoted, disabled or removed');
}

export function auditActor(ctx: TenantContext) {
  return {
    organizationId: ctx.organizationId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}
