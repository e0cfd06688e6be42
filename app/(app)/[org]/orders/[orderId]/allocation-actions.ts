'use server';
// Order detail: release the order's stock reservations and reserve them again
// (lib/inventory/release-order-allocation.ts, lib/inventory/reserve-stock.ts). inventory.update,
// as for every other change of reserved quantity. The page is revalidated (no router hook in the
// panel: the page also renders outside the app router, tests/pii-canary-pages.integration.test.ts).
import { revalidatePath } from 'next/cache';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { deallocateOrder } from '@/lib/inventory/release-order-allocation.ts';
import { allocateOrder } from '@/lib/inventory/reserve-stock.ts';
import { ZOrderIdInput } from '@/lib/inventory/schemas.ts';

export const deallocateOrderAction = tenantAction(
  ZOrderIdInput,
  'inventory.update',
  async ({ ctx, organization, input }) => {
    const allocation = await deallocateOrder(ctx, input.orderId);
    revalidatePath(`/${organization.slug}/orders/${input.orderId}`);
    return allocation;
  },
);

export const allocateOrderAction = tenantAction(
  ZOrderIdInput,
  'inventory.update',
  async ({ ctx, organization, input }) => {
    const allocation = await allocateOrder(ctx, input.orderId);
    revalidatePath(`/${organization.slug}/orders/${input.orderId}`);
    return allocation;
  },
);
