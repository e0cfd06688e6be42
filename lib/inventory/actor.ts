import type { TenantContext } from '../tenancy/tenant-context.ts';

/** Who did it, in the shape of ledger rows and audit events. */
export const actorOf = (ctx: TenantContext) => ({ actorType: ctx.actor.type, actorId: ctx.actor.id });

export const auditBase = (ctx: TenantContext) => ({
  organizationId: ctx.organizationId,
  actorType: ctx.actor.type,
  actorId: ctx.actor.id,
  ip: ctx.ip ?? null,
  requestId: ctx.requestId ?? null,
});
