// Inputs of the shipping use cases (lib/shipping).
import { z } from 'zod';
import { ZRestrictionOverride } from '../pii/pii-restriction.ts';

export const ZShipmentId = z.uuid();

export const ZCreateLabelInput = z.strictObject({
  shipmentId: z.uuid(),
  /** Only for a buyer whose processing a data-subject request restricts (audited). */
  restrictionOverride: ZRestrictionOverride.optional(),
});
export type TCreateLabelInput = z.input<typeof ZCreateLabelInput>;

export const ZReprintLabelInput = z.strictObject({
  shipmentId: z.uuid(),
  format: z.enum(['PDF', 'ZPL']),
  restrictionOverride: ZRestrictionOverride.optional(),
});
export type TReprintLabelInput = z.input<typeof ZReprintLabelInput>;

export const ZDispatchInput = z.strictObject({
  shipmentIds: z.array(z.uuid()).min(1).max(200),
});
export type TDispatchInput = z.input<typeof ZDispatchInput>;

export const ZListShipmentsInput = z.strictObject({
  status: z.enum(['PACKING', 'PACKED', 'LABELLED', 'SHIPPED', 'VOIDED']).optional(),
  confirmation: z.enum(['PENDING', 'CONFIRMED', 'FAILED']).optional(),
  orderId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListShipmentsInput = z.input<typeof ZListShipmentsInput>;
