// Dev only (scripts/dev.ts): connects the demo organization to the SP-API simulator with a
// self-authorization refresh token the simulator just issued. Runs at every `npm run dev`: the
// simulator keeps its tokens in memory, so the stored one is replaced each start (upsert).
import { saveAmazonIntegration } from '../channels/amazon/save-amazon-integration.ts';
import { withTenant } from '../db/tenant.ts';
import { systemContext } from '../tenancy/tenant-context.ts';

export async function connectDemoAmazon(input: {
  organizationId: string;
  sellingPartnerId: string;
  refreshToken: string;
  marketplaceIds: string[];
}): Promise<{ integrationId: string; created: boolean }> {
  const ctx = systemContext(input.organizationId, ['integrations.manage']);
  const existing = await withTenant(input.organizationId, (tx) =>
    tx.amazonIntegration.count({ where: { organizationId: input.organizationId } }),
  );
  const { integrationId } = await saveAmazonIntegration(ctx, {
    sellingPartnerId: input.sellingPartnerId,
    region: 'na',
    refreshToken: input.refreshToken,
    marketplaceIds: input.marketplaceIds,
    method: 'SELF_AUTHORIZATION',
    // Orders 2026-01-01 returns the lines with the orders: the seed's first sync of weeks of
    // history stays within Amazon's rate limits (v0 needs a getOrderItems call per order).
    ordersApiVersion: 'V2026_01_01',
  });
  return { integrationId, created: existing === 0 };
}
