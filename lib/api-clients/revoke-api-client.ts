// Revokes an API client: its refresh tokens die with it, and its access tokens stop working on the
// next request (the resolver checks the client on every request).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditActor } from '../members/owner-guard.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { ZApiClientRef } from './schemas.ts';

export async function revokeApiClient(ctx: TenantContext, input: { apiClientId: string }): Promise<void> {
  const { apiClientId } = ZApiClientRef.parse(input);
  await withTenant(ctx.organizationId, async (tx) => {
    const now = new Date();
    const done = await tx.apiClient.updateMany({
      where: { id: apiClientId, organizationId: ctx.organizationId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (done.count !== 1) throw new AppError('NOT_FOUND', 'API client not found');
    await tx.apiRefreshToken.updateMany({
      where: { organizationId: ctx.organizationId, apiClientId, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAuditEvent(tx, {
      ...auditActor(ctx),
      action: 'api_client.revoked',
      targetType: 'api_client',
      targetId: apiClientId,
    });
  });
}
