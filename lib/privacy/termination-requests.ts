// Terminating an organization, as its owner asks for it (docs/decisions/0012-termination-and-account-deletion.md):
// - An owner requests it with a fresh proof of identity (lib/auth/require-recent-auth.ts) and the
//   organization's name typed out. Nothing is deleted yet: the termination is scheduled 7 days
//   ahead, and any owner can cancel it until then.
// - The worker's hourly privacy.termination-sweep claims each request whose grace period has
//   passed (SCHEDULED → RUNNING: no longer cancellable), runs lib/privacy/terminate-organization.ts
//   and marks it COMPLETED. A run that crashed is claimed again (termination is idempotent).
// The request row holds ids and times only and stays as the record of the termination.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { requireRecentAuth, ZRecentAuthProof } from '../auth/require-recent-auth.ts';
import { systemDb } from '../db/system.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { isUniqueViolation } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { terminateOrganization } from './terminate-organization.ts';

export const TERMINATION_GRACE_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

export const ZRequestTerminationInput = z.strictObject({
  /** The organization's name, typed out. */
  confirmName: z.string().trim().min(1, 'Type the organization’s name.').max(200),
  proof: ZRecentAuthProof,
});
export type TRequestTerminationInput = z.input<typeof ZRequestTerminationInput>;

function userOf(ctx: TenantContext): string {
  if (ctx.actor.type !== 'USER' || !ctx.actor.id) {
    throw new AppError('FORBIDDEN', 'only a signed-in owner can terminate the organization');
  }
  return ctx.actor.id;
}

function auditTermination(
  tx: TenantTx,
  ctx: TenantContext,
  userId: string,
  action: string,
  metadata: Record<string, string>,
) {
  return recordAuditEvent(tx, {
    ...auditBase(ctx),
    actorType: 'USER',
    actorId: userId,
    action,
    targetType: 'organization',
    targetId: ctx.organizationId,
    metadata,
  });
}

export async function requestTermination(
  ctx: TenantContext,
  input: TRequestTerminationInput,
  now: Date,
): Promise<{ requestId: string; scheduledFor: Date }> {
  assertPermission(ctx, 'organization.delete');
  const userId = userOf(ctx);
  const parsed = ZRequestTerminationInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', issue?.message ?? 'Check the form.', {
      field: String(issue?.path[0] ?? ''),
    });
  }
  const organizationId = ctx.organizationId;
  const org = await withTenant(organizationId, (tx) =>
    tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } }),
  );
  if (parsed.data.confirmName !== org.name.trim()) {
    throw new AppError('UNPROCESSABLE', 'The name does not match the organization’s name.', {
      field: 'confirmName',
    });
  }
  await requireRecentAuth(userId, parsed.data.proof, 'organization.termination_requested', {
    ip: ctx.ip ?? undefined,
    requestId: ctx.requestId ?? undefined,
  });
  const scheduledFor = new Date(now.getTime() + TERMINATION_GRACE_DAYS * DAY_MS);
  try {
    return await withTenant(organizationId, async (tx) => {
      const row = await tx.terminationRequest.create({
        data: { organizationId, requestedById: userId, requestedAt: now, scheduledFor },
        select: { id: true },
      });
      await auditTermination(tx, ctx, userId, 'organization.termination_requested', {
        terminationRequestId: row.id,
        scheduledFor: scheduledFor.toISOString(),
      });
      return { requestId: row.id, scheduledFor };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'A termination is already scheduled.');
    throw error;
  }
}

export async function cancelTermination(ctx: TenantContext, now: Date): Promise<void> {
  assertPermission(ctx, 'organization.delete');
  const userId = userOf(ctx);
  const organizationId = ctx.organizationId;
  await withTenant(organizationId, async (tx) => {
    const row = await tx.terminationRequest.findFirst({
      where: { organizationId, status: 'SCHEDULED' },
      select: { id: true },
    });
    const cancelled = row
      ? await tx.terminationRequest.updateMany({
          where: { organizationId, id: row.id, status: 'SCHEDULED' },
          data: { status: 'CANCELLED', cancelledAt: now, cancelledById: userId },
        })
      : { count: 0 };
    if (!row || cancelled.count === 0) {
      throw new AppError('NOT_FOUND', 'no termination is scheduled (or it has already started)');
    }
    await auditTermination(tx, ctx, userId, 'organization.termination_cancelled', {
      terminationRequestId: row.id,
    });
  });
}

/** The organization's pending termination (settings page banner), or null. */
export async function pendingTermination(ctx: TenantContext) {
  assertPermission(ctx, 'organization.read');
  return withTenant(ctx.organizationId, (tx) =>
    tx.terminationRequest.findFirst({
      where: { organizationId: ctx.organizationId, status: { in: ['SCHEDULED', 'RUNNING'] } },
      select: { id: true, status: true, requestedAt: true, scheduledFor: true, requestedById: true },
    }),
  );
}

/**
 * The worker's sweep: every request past its grace period is claimed, run and completed, one
 * organization at a time. Returns the organizations terminated.
 */
export async function runDueTerminations(now: Date): Promise<string[]> {
  const due = await systemDb().terminationRequest.findMany({
    where: { status: { in: ['SCHEDULED', 'RUNNING'] }, scheduledFor: { lte: now } },
    select: { id: true, organizationId: true },
    orderBy: { scheduledFor: 'asc' },
  });
  const done: string[] = [];
  for (const request of due) {
    const claimed = await withTenant(request.organizationId, (tx) =>
      tx.terminationRequest.updateMany({
        where: {
          organizationId: request.organizationId,
          id: request.id,
          status: { in: ['SCHEDULED', 'RUNNING'] },
        },
        data: { status: 'RUNNING' },
      }),
    );
    if (claimed.count === 0) continue; // cancelled in the meantime
    await terminateOrganization(request.organizationId, { type: 'SYSTEM', id: null });
    await withTenant(request.organizationId, (tx) =>
      tx.terminationRequest.update({
        where: { id: request.id },
        data: { status: 'COMPLETED', completedAt: new Date() },
      }),
    );
    done.push(request.organizationId);
  }
  return done;
}
