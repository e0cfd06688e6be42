'use server';
// Order page: delete (soft; hard-deleted 90 days later) and restore. lib/privacy/purge-deleted-orders.ts.
import { revalidatePath } from 'next/cache';
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
  async ({ ctx, organization, input }) => {
    await softDeleteOrder(ctx, input, new Date());
    revalidatePath(`/${organization.slug}/orders/${input.orderId}`);
  },
);

export const restoreOrderAction = tenantAction(
  ZRestoreOrderInput,
  'orders.update',
  async ({ ctx, organization, input }) => {
    await restoreOrder(ctx, input);
    revalidatePath(`/${organization.slug}/orders/${input.orderId}`);
  },
);
