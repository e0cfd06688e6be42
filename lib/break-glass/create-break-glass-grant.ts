// Break-glass (issue 3, item 10): an organization OWNER lets one platform operator act in the
// organization — with the listed permissions only, for at most MAX_GRANT_HOURS, for a stated
// reason. Recorded on both sides: the organization's audit chain and the operator audit log.
// Without a live grant an operator reaches no tenant data (resolve-tenant-context.ts).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditActor } from '../members/owner-guard.ts';
import { recordOperatorEvent } from '../operators/record-operator-event.ts';
import { assertAccessManager, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  ZBreakGlassGrantRef,
  ZCreateBreakGlassGrantInput,
  type TCreateBreakGlassGrantInput,
} from './schemas.ts';

export async function createBreakGlassGrant(
  ctx: TenantContext,
  input: TCreateBreakGlassGrantInput,
): Promise<{ grantId: string; expiresAt: Date }> {
  assertAccessManager(ctx, 'break_glass.grant');
  const { operatorEmail, reason, hours, permissions } = ZCreateBreakGlassGrantInput.parse(input);
  if (ctx.role !== 'OWNER') {
    throw new AppError('FORBIDDEN', 'only an owner can grant operator access');
  }
  const unique = [...new Set(permissions)];
  const operator = await appDb().operator.findUnique({
    where: { email: operatorEmail },
    select: { id: true, disabledAt: true },
  });
  if (!operator || operator.disabledAt) throw new AppError('NOT_FOUND', 'no such Packline operator');
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  const grant = await withTenant(ctx.organizationId, async (tx) => {
    const row = await tx.breakGlassGrant.create({
      data: {
        organizationId: ctx.organizationId,
        operatorId: operator.id,
        grantedById: ctx.actor.id,
        reason,
        permissions: unique,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'break_glass.granted',
      targetType: 'operator',
      targetId: operator.id,
      metadata: { grantId: row.id, hours, permissions: unique },
    });
    return row;
  });
  await recordOperatorEvent({
    operatorId: operator.id,
    action: 'break_glass.granted',
    targetOrganizationId: ctx.organizationId,
    metadata: { grantId: grant.id, hours, permissions: unique },
  });
  return { grantId: grant.id, expiresAt };
}

export async function revokeBreakGlassGrant(ctx: TenantContext, input: { grantId: string }): Promise<void> {
  assertAccessManager(ctx, 'break_glass.grant');
  const { grantId } = ZBreakGlassGrantRef.parse(input);
  const operatorId = await withTenant(ctx.organizationId, async (tx) => {
    const grant = await tx.breakGlassGrant.findFirst({
      where: { id: grantId, organizationId: ctx.organizationId, revokedAt: null },
      select: { id: true, operatorId: true },
    });
    if (!grant) throw new AppError('NOT_FOUND', 'grant not found');
    await tx.breakGlassGrant.update({ where: { id: grant.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'break_glass.revoked',
      targetType: 'operator',
      targetId: grant.operatorId,
      metadata: { grantId },
    });
    return grant.operatorId;
  });
  await recordOperatorEvent({
    operatorId,
    action: 'break_glass.revoked',
    targetOrganizationId: ctx.organizationId,
    metadata: { grantId },
  });
}

export async function listBreakGlassGrants(ctx: TenantContext) {
  return withTenant(ctx.organizationId, (tx) =>
    tx.breakGlassGrant.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: {
        id: true,
        reason: true,
        permissions: true,
        expiresAt: true,
        revokedAt: true,
        createdAt: true,
        operator: { select: { email: true } },
      },
    }),
  );
}
