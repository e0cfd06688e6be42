// Returns' inputs (lib/returns). Every field validated; a bad value → 400, never a 500.
import { z } from 'zod';

export const RETURN_REASONS = [
  'DAMAGED',
  'DEFECTIVE',
  'WRONG_ITEM',
  'NOT_AS_DESCRIBED',
  'NO_LONGER_NEEDED',
  'OTHER',
] as const;
export const RETURN_DISPOSITIONS = ['RESTOCK', 'QUARANTINE', 'SCRAP'] as const;
export const RETURN_STATUSES = ['REQUESTED', 'PARTLY_RECEIVED', 'RECEIVED', 'CLOSED'] as const;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(emptyToUndefined, s.optional());
const ZQuantity = z.number().int().min(1).max(100_000);
const ZCode = z.string().trim().min(1).max(100);
const ZNote = z.string().trim().min(1).max(500);

export const ZCreateReturnInput = z.strictObject({
  orderLineId: z.uuid(),
  quantity: ZQuantity,
  reason: z.enum(RETURN_REASONS),
  reasonNote: optional(ZNote),
  /** When the parcel is expected back. */
  expectedOn: optional(z.iso.date()),
});
export type TCreateReturnInput = z.input<typeof ZCreateReturnInput>;

export const ZReceiveReturnInput = z.strictObject({
  returnId: z.uuid(),
  disposition: z.enum(RETURN_DISPOSITIONS),
  quantity: ZQuantity,
  /** The bin as printed (scanner input): a sellable bin to restock, a QUARANTINE location, or where scrapped units are booked in before the write-off. */
  binCode: ZCode,
  lotNumber: optional(ZCode),
  expiresOn: optional(z.iso.date()),
  note: optional(ZNote),
});
export type TReceiveReturnInput = z.input<typeof ZReceiveReturnInput>;

export const ZReleaseReturnInput = z.strictObject({
  receiptId: z.uuid(),
  /** The sellable bin the quarantined units go to. */
  binCode: ZCode,
  quantity: ZQuantity,
});
export type TReleaseReturnInput = z.input<typeof ZReleaseReturnInput>;

export const ZRecordRefundInput = z.strictObject({
  returnId: z.uuid(),
  /** In major units as typed ("12.50"); stored in minor units of the currency. */
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,3})?$/, 'an amount like 12.50'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'a three-letter currency code')
    .transform((c) => c.toUpperCase()),
  reason: z.string().trim().min(1).max(200),
});
export type TRecordRefundInput = z.input<typeof ZRecordRefundInput>;

export const ZReturnIdInput = z.strictObject({ returnId: z.uuid() });
export type TReturnIdInput = z.input<typeof ZReturnIdInput>;

export const ZListReturnsInput = z.object({
  status: optional(z.enum(RETURN_STATUSES)),
  after: optional(z.string().max(256)),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TListReturnsInput = z.input<typeof ZListReturnsInput>;
