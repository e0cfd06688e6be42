'use server';
// Order holds from the order page (lib/privacy/order-holds.ts). The wrapper needs orders.update;
// a legal hold also needs privacy.manage, checked by the use case.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  placeOrderHold,
  releaseOrderHold,
  ZPlaceOrderHoldInput,
  ZReleaseOrderHoldInput,
} from '@/lib/privacy/order-holds.ts';

export const placeOrderHoldAction = tenantAction(
  ZPlaceOrderHoldInput,
  'orders.update',
  async ({ ctx, input }) => {
    const hold = await placeOrderHold(ctx, input, new Date());
    return { id: hold.id };
  },
);

export const releaseOrderHoldAction = tenantAction(
  ZReleaseOrderHoldInput,
  'orders.update',
  async ({ ctx, input }) => {
    const hold = await releaseOrderHold(ctx, input, new Date());
    return { id: hold.id };
  },
);
