// Per-integration settings: the Orders API version (v0 until Amazon removes it on 2027-03-27, or
// 2026-01-01) and the sync interval (the scheduler is upserted with the new interval).
import { recordAuditEvent } from '../../audit/record-audit-event.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { upsertSyncScheduler } from './amazon-schedulers.ts';
import { ZUpdateIntegrationSettingsInput } from './schemas.ts';
import type { z } from 'zod';

export async function updateAmazonIntegrationSettings(
  ctx: TenantContext,
  input: z.input<typeof ZUpdateIntegrationSettingsInput>,
): Promise<void> {
  assertPermission(ctx, 'integrations.manage');
  const parsed = ZUpdateIntegrationSettingsInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'invalid integration settings');
  const { integrationId, ordersApiVersion, syncIntervalMinutes } = parsed.data;
  const { organizationId } = ctx;
  const row = await withTenant(organizationId, async (tx) => {
    const found = await tx.amazonIntegration.findFirst({ where: { organizationId, id: integrationId } });
    if (!found) throw new AppError('NOT_FOUND', 'integration not found');
    if (found.status === 'DISCONNECTED') throw new AppError('CONFLICT', 'the integration is disconnected');
    const updated = await tx.amazonIntegration.update({
      where: { id: found.id },
      data: {
        ...(ordersApiVersion ? { ordersApiVersion } : {}),
        ...(syncIntervalMinutes ? { syncIntervalMinutes } : {}),
      },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'integration.settings_changed',
      targetType: 'amazon-integration',
      targetId: found.id,
      metadata: {
        ordersApiVersion: updated.ordersApiVersion,
        syncIntervalMinutes: updated.syncIntervalMinutes,
      },
    });
    return updated;
  });
  await upsertSyncScheduler(organizationId, row.id, row.syncIntervalMinutes);
}
