'use server';
// Shipping settings actions: carrier accounts, shipping rules, warehouse sender, service preview.
// Thin: parse, authorise (tenantAction) and call lib/couriers.
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import {
  connectCarrierAccount,
  deleteCarrierAccount,
  setCarrierAccountEnabled,
  testCarrierConnection,
} from '@/lib/couriers/carrier-accounts.ts';
import {
  ZCarrierAccountId,
  ZConnectCarrierAccount,
  ZMoveShippingRule,
  ZPreviewParcel,
  ZSetCarrierAccountEnabled,
  ZShippingRuleFields,
  ZShippingRuleId,
  ZUpdateShippingRule,
  ZWarehouseSender,
} from '@/lib/couriers/schemas.ts';
import {
  createShippingRule,
  deleteShippingRule,
  moveShippingRule,
  previewCarrierService,
  updateShippingRule,
} from '@/lib/couriers/shipping-rules.ts';
import { setWarehouseSender } from '@/lib/couriers/warehouse-sender-settings.ts';

export const connectCarrierAccountAction = tenantAction(
  ZConnectCarrierAccount,
  'integrations.manage',
  ({ ctx, input }) => connectCarrierAccount(ctx, input),
);

export const testCarrierConnectionAction = tenantAction(
  ZCarrierAccountId,
  'integrations.manage',
  ({ ctx, input }) => testCarrierConnection(ctx, input),
);

export const setCarrierAccountEnabledAction = tenantAction(
  ZSetCarrierAccountEnabled,
  'integrations.manage',
  ({ ctx, input }) => setCarrierAccountEnabled(ctx, input),
);

export const deleteCarrierAccountAction = tenantAction(
  ZCarrierAccountId,
  'integrations.manage',
  ({ ctx, input }) => deleteCarrierAccount(ctx, input),
);

export const createShippingRuleAction = tenantAction(
  z.strictObject({ fields: ZShippingRuleFields }),
  'integrations.manage',
  ({ ctx, input }) => createShippingRule(ctx, input.fields),
);

export const updateShippingRuleAction = tenantAction(
  ZUpdateShippingRule,
  'integrations.manage',
  ({ ctx, input }) => updateShippingRule(ctx, input),
);

export const deleteShippingRuleAction = tenantAction(
  ZShippingRuleId,
  'integrations.manage',
  ({ ctx, input }) => deleteShippingRule(ctx, input),
);

export const moveShippingRuleAction = tenantAction(
  ZMoveShippingRule,
  'integrations.manage',
  ({ ctx, input }) => moveShippingRule(ctx, input),
);

export const previewCarrierServiceAction = tenantAction(ZPreviewParcel, 'fulfilment.ship', ({ ctx, input }) =>
  previewCarrierService(ctx, input),
);

export const setWarehouseSenderAction = tenantAction(
  ZWarehouseSender,
  'integrations.manage',
  ({ ctx, input }) => setWarehouseSender(ctx, input),
);
