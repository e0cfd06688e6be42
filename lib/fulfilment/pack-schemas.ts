// Inputs of the packing station (lib/fulfilment/pack-*.ts): scanned codes are trimmed strings,
// measures positive integers (grams, millimetres).
import { z } from 'zod';

const measure = (max: number) => z.coerce.number().int().positive().max(max);

export const ZParcelMeasures = z.strictObject({
  weightGrams: measure(100_000).optional(),
  lengthMm: measure(3_000).optional(),
  widthMm: measure(3_000).optional(),
  heightMm: measure(3_000).optional(),
});
export type TParcelMeasures = z.output<typeof ZParcelMeasures>;

export const ZOpenPackingInput = z.strictObject({
  /** What was scanned at the station: an order number (Amazon order id) or Packline order id. */
  code: z.string().trim().min(1).max(100),
});
export type TOpenPackingInput = z.input<typeof ZOpenPackingInput>;

export const ZScanPackItemInput = z.strictObject({
  orderId: z.uuid(),
  /** The unit's SKU or GTIN, as a keyboard-wedge scanner types it. */
  code: z.string().trim().min(1).max(100),
  /** The open parcel's measures, as entered so far (used when this scan closes it). */
  measures: ZParcelMeasures.optional(),
});
export type TScanPackItemInput = z.input<typeof ZScanPackItemInput>;

export const ZCloseParcelInput = z.strictObject({
  orderId: z.uuid(),
  measures: ZParcelMeasures.optional(),
});
export type TCloseParcelInput = z.input<typeof ZCloseParcelInput>;

export const ZSetGiftInput = z.strictObject({
  orderId: z.uuid(),
  hidePrices: z.boolean(),
});
