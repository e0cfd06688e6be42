// Orders screens' inputs (lib/orders). Every filter is validated; a bad value → 400, never a 500.
import { z } from 'zod';

export const ORDER_STATUSES = [
  'PENDING',
  'AWAITING_FULFILMENT',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(emptyToUndefined, s.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)');

export const ZListOrdersFilters = z.object({
  status: optional(z.enum(ORDER_STATUSES)),
  channel: optional(z.enum(['AMAZON', 'MANUAL'])),
  fulfilment: optional(z.enum(['MERCHANT', 'MARKETPLACE'])),
  marketplace: optional(z.string().regex(/^[A-Z0-9]{10,20}$/)),
  from: optional(day),
  to: optional(day),
  /** Ship by on or before this day. */
  shipBy: optional(day),
  /** An Amazon order id (or its start) or a SKU. */
  q: optional(z.string().trim().min(1).max(100)),
});
export type TListOrdersFilters = z.infer<typeof ZListOrdersFilters>;

export const ZListOrdersInput = ZListOrdersFilters.extend({
  after: optional(z.string().max(256)),
  before: optional(z.string().max(256)),
  limit: z.number().int().min(1).max(100).default(25),
});
export type TListOrdersInput = z.input<typeof ZListOrdersInput>;

/**
 * Revealing a recipient on screen is customer service, nothing else: printing purposes decrypt
 * into documents (a WAREHOUSE member holds pii.print, not pii.reveal), and `dsr-export` belongs to
 * the data-subject request export alone.
 */
export const REVEAL_PURPOSE = 'customer-service' as const;
export const ZRevealRecipientInput = z.strictObject({
  orderId: z.uuid(),
  purpose: z.literal(REVEAL_PURPOSE, { error: 'buyer details are revealed for customer service only' }),
});
export type TRevealRecipientInput = z.input<typeof ZRevealRecipientInput>;
