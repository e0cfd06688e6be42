// "Run now" on the retention screen: enqueues this organization's retention pass at once (the
// daily sweep runs it anyway). One job per organization per minute, so double clicks add nothing.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { enqueue, jobIdFor } from '../jobs/registry.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export async function requestRetentionRun(ctx: TenantContext, now: Date): Promise<{ jobId: string }> {
  assertPermission(ctx, 'privacy.manage');
  const minute = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const jobId = jobIdFor('privacy.retention', ctx.organizationId, 'manual', minute);
  await withTenant(ctx.organizationId, (tx) =>
    recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'privacy.retention_run_requested',
      targetType: 'organization',
      targetId: ctx.organizationId,
    }),
  );
  const job = await enqueue(
    'privacy.retention',
    { organizationId: ctx.organizationId, manual: true },
    { jobId },
  );
  return { jobId: job.id };
}
