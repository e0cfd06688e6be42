'use server';
// The listings screen's server actions: map/unmap, push now, import listings — each through
// tenantAction and one use case.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { mapChannelListingByCode, ZMapChannelListingByCodeInput } from '@/lib/catalogue/channel-listings.ts';
import {
  requestListingsImport,
  ZRequestListingsImportInput,
} from '@/lib/channels/amazon/import-listings-request.ts';
import { pushListingNow, ZPushListingNowInput } from '@/lib/channels/amazon/request-stock-push.ts';

export const mapListingAction = tenantAction(
  ZMapChannelListingByCodeInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const listing = await mapChannelListingByCode(ctx, input);
    return { productSku: listing.product?.sku ?? null };
  },
);

export const pushListingNowAction = tenantAction(ZPushListingNowInput, 'inventory.update', ({ ctx, input }) =>
  pushListingNow(ctx, input),
);

export const importListingsAction = tenantAction(
  ZRequestListingsImportInput,
  'integrations.manage',
  ({ ctx, input }) => requestListingsImport(ctx, input),
);
