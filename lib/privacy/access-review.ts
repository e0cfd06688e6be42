// Access reviews (Amazon DPP: review who can access data at least quarterly; revoke at once when
// duties change). An admin confirms a member's access is still needed; the confirmation is
// stamped on the membership and audited. Members not reviewed in 90 days are an evidence figure.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export const ACCESS_REVIEW_INTERVAL_DAYS = 90;
export const ZAccessReviewInput = z.strictObject({ membershipId: z.uuid() });

export async function reviewMemberAccess(
  ctx: TenantContext,
  input: z.input<typeof ZAccessReviewInput>,
  now: Date,
): Promise<void> {
  assertPermission(ctx, 'members.update');
  const { membershipId } = ZAccessReviewInput.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    const { count } = await tx.membership.updateMany({
      where: { organizationId: ctx.organizationId, id: membershipId },
      data: { accessReviewedAt: now },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'member not found');
    await recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'member.access_reviewed',
      targetType: 'membership',
      targetId: membershipId,
    });
  });
}

/** Enabled members whose access was never reviewed, or not in the last 90 days. */
export async function countMembersDueForReview(organizationId: string, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ACCESS_REVIEW_INTERVAL_DAYS * 24 * 3600 * 1000);
  return withTenant(organizationId, (tx) =>
    tx.membership.count({
      where: {
        organizationId,
        disabledAt: null,
        OR: [{ accessReviewedAt: null }, { accessReviewedAt: { lt: cutoff } }],
      },
    }),
  );
}

/** The members due for review, for the Privacy screen (ids, role, the account's email and name). */
export async function listMembersDueForReview(ctx: TenantContext, now: Date) {
  assertPermission(ctx, 'members.update');
  const cutoff = new Date(now.getTime() - ACCESS_REVIEW_INTERVAL_DAYS * 24 * 3600 * 1000);
  return withTenant(ctx.organizationId, (tx) =>
    tx.membership.findMany({
      where: {
        organizationId: ctx.organizationId,
        disabledAt: null,
        OR: [{ accessReviewedAt: null }, { accessReviewedAt: { lt: cutoff } }],
      },
      orderBy: { createdAt: 'asc' },
      take: 200,
      select: { id: true, role: true, accessReviewedAt: true, user: { select: { name: true, email: true } } },
    }),
  );
}
