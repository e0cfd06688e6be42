'use server';
// Order detail: release the order's stock reservations and reserve them again
// (lib/inventory/release-order-allocation.ts, lib/inventory/reserve-stock.ts). inventory.update,
// as for every other change of reserved quantity.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { deallocateOrder } from '@/lib/inventory/release-order-allocation.ts';
import { allocateOrder } from '@/lib/inventory/reserve-stock.ts';
import { ZOrderIdInput } from '@/lib/inventory/schemas.ts';

export const deallocateOrderAction = tenantAction(ZOrderIdInput, 'inventory.update', ({ ctx, input }) =>
  deallocateOrder(ctx, input.orderId),
);

export const allocateOrderAction = tenantAction(ZOrderIdInput, 'inventory.update', ({ ctx, input }) =>
  allocateOrder(ctx, input.orderId),
);
