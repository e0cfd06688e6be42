// Disconnect (ARCHITECTURE.md §5): in ONE transaction the integration row is locked FOR UPDATE,
// the call fence closed (call-fence.ts), the row marked DISCONNECTED and its refresh token
// hard-deleted; then it waits for the SP-API calls still in flight and removes the job scheduler.
// Once this returns, no SP-API call for the integration is in flight or can start.
import { recordAuditEvent } from '../../audit/record-audit-event.ts';
import { deleteCredential } from '../../credentials/delete-credential.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { removeSyncScheduler } from './amazon-schedulers.ts';
import { closeFence, waitForCallsInFlight } from './call-fence.ts';
import { AMAZON_REFRESH_TOKEN_KIND } from './integration-constants.ts';
import { ZIntegrationIdInput } from './schemas.ts';
import { forgetAccessToken } from './sp-api-session.ts';

export async function disconnectAmazon(ctx: TenantContext, input: { integrationId: string }): Promise<void> {
  assertPermission(ctx, 'integrations.manage');
  const parsed = ZIntegrationIdInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'invalid integration id');
  const { organizationId } = ctx;
  const { integrationId } = parsed.data;
  await withTenant(
    organizationId,
    async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM amazon_integrations
         WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid FOR UPDATE`;
      if (!row) throw new AppError('NOT_FOUND', 'integration not found');
      await closeFence(integrationId);
      await tx.$executeRaw`
        UPDATE amazon_integrations SET status = 'DISCONNECTED', disconnected_at = now(), updated_at = now()
         WHERE organization_id = ${organizationId}::uuid AND id = ${integrationId}::uuid`;
      await deleteCredential(ctx, { kind: AMAZON_REFRESH_TOKEN_KIND, ownerId: integrationId }, tx);
      await recordAuditEvent(tx, {
        organizationId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        ip: ctx.ip,
        requestId: ctx.requestId,
        action: 'integration.disconnected',
        targetType: 'amazon-integration',
        targetId: integrationId,
      });
    },
    { timeout: 120_000 },
  );
  await waitForCallsInFlight(integrationId);
  forgetAccessToken(integrationId);
  await removeSyncScheduler(integrationId);
}
