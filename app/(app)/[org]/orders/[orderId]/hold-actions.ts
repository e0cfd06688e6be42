'use server';
// Order holds from the order page (lib/privacy/order-holds.ts). The wrapper needs orders.update;
// a legal hold also needs privacy.manage, checked by the use case. The order page is revalidated
// so its holds card shows the change.
import { revalidatePath } from 'next/cache';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  placeOrderHold,
  releaseOrderHold,
  ZPlaceOrderHoldInput,
  ZReleaseOrderHoldInput,
} from '@/lib/privacy/order-holds.ts';

const orderPath = (slug: string, orderId: string) => `/${slug}/orders/${orderId}`;

export const placeOrderHoldAction = tenantAction(
  ZPlaceOrderHoldInput,
  'orders.update',
  async ({ ctx, organization, input }) => {
    const hold = await placeOrderHold(ctx, input, new Date());
    revalidatePath(orderPath(organization.slug, hold.orderId));
    return { id: hold.id };
  },
);

export const releaseOrderHoldAction = tenantAction(
  ZReleaseOrderHoldInput,
  'orders.update',
  async ({ ctx, organization, input }) => {
    const hold = await releaseOrderHold(ctx, input, new Date());
    revalidatePath(orderPath(organization.slug, hold.orderId));
    return { id: hold.id };
  },
);
