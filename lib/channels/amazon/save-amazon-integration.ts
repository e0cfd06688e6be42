// Shared by both ways of connecting: records (or re-activates) the integration for this selling
// partner and region, stores the refresh token in the encrypted credentials store, audits, and
// after commit upserts the sync scheduler.
import { recordAuditEvent } from '../../audit/record-audit-event.ts';
import { storeCredential } from '../../credentials/store-credential.ts';
import { withTenant } from '../../db/tenant.ts';
import { getEnv } from '../../env.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { upsertSyncScheduler } from './amazon-schedulers.ts';
import { enqueueListingsImport } from './import-listings-request.ts';
import { AMAZON_REFRESH_TOKEN_KIND } from './integration-constants.ts';
import { REGION_MARKETPLACES, type TAmazonRegion } from './schemas.ts';

export interface SaveAmazonIntegrationInput {
  sellingPartnerId: string;
  region: TAmazonRegion;
  refreshToken: string;
  marketplaceIds?: string[];
  ordersApiVersion?: 'V0' | 'V2026_01_01';
  method: 'WEBSITE' | 'SELF_AUTHORIZATION';
}

export async function saveAmazonIntegration(
  ctx: TenantContext,
  input: SaveAmazonIntegrationInput,
): Promise<{ integrationId: string }> {
  assertPermission(ctx, 'integrations.manage');
  const { organizationId } = ctx;
  const marketplaceIds = input.marketplaceIds ?? REGION_MARKETPLACES[input.region];
  const integration = await withTenant(organizationId, async (tx) => {
    const row = await tx.amazonIntegration.upsert({
      where: {
        organizationId_sellingPartnerId_region: {
          organizationId,
          sellingPartnerId: input.sellingPartnerId,
          region: input.region,
        },
      },
      create: {
        organizationId,
        sellingPartnerId: input.sellingPartnerId,
        region: input.region,
        marketplaceIds,
        connectMethod: input.method,
        ordersApiVersion: input.ordersApiVersion ?? 'V0',
        syncIntervalMinutes: getEnv().AMAZON_SYNC_EVERY_MINUTES,
        connectedById: ctx.actor.type === 'USER' ? ctx.actor.id : null,
      },
      update: {
        status: 'CONNECTED',
        marketplaceIds,
        connectMethod: input.method,
        ...(input.ordersApiVersion ? { ordersApiVersion: input.ordersApiVersion } : {}),
        connectedById: ctx.actor.type === 'USER' ? ctx.actor.id : null,
        connectedAt: new Date(),
        disconnectedAt: null,
        lastError: null,
        lastErrorAt: null,
      },
      select: { id: true, syncIntervalMinutes: true },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'integration.connected',
      targetType: 'amazon-integration',
      targetId: row.id,
      metadata: { sellingPartnerId: input.sellingPartnerId, region: input.region, method: input.method },
    });
    return row;
  });
  // The credential is written in its own transaction (storeCredential prepares keys with KMS
  // first). If it fails, the integration exists without a token: syncs skip it and the page
  // offers to connect again.
  await storeCredential(ctx, {
    kind: AMAZON_REFRESH_TOKEN_KIND,
    ownerId: integration.id,
    secret: input.refreshToken,
  });
  await upsertSyncScheduler(organizationId, integration.id, integration.syncIntervalMinutes);
  // The seller's listings (title, price, Amazon's quantity) arrive for mapping right away.
  await enqueueListingsImport(organizationId, integration.id);
  return { integrationId: integration.id };
}
