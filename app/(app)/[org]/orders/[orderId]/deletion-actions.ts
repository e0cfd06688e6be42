'use server';
// Order page: delete (soft; hard-deleted 90 days later) and restore. lib/privacy/purge-deleted-orders.ts.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  restoreOrder,
  softDeleteOrder,
  ZRestoreOrderInput,
  ZSoftDeleteOrderInput,
} from '@/lib/privacy/purge-deleted-orders.ts';

export const deleteOrderAction = tenantAction(
  ZSoftDeleteOrderInput,
  'orders.update',
  async ({ ctx, input }) => {
    await softDeleteOrder(ctx, input, new Date());
  },
);

export const restoreOrderAction = tenantAction(ZRestoreOrderInput, 'orders.update', ({ ctx, input }) =>
  restoreOrder(ctx, input),
);
