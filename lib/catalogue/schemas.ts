import { z } from 'zod';
import { isValidGtin } from './gtin.ts';

export const PRODUCTS_PAGE_SIZE = 50;

/** Printable, no surrounding spaces; scanners send SKUs as typed text. */
export const ZSku = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, 'SKU must not contain control characters');

export const ZBarcode = z
  .string()
  .trim()
  .regex(/^\d+$/, 'barcode must be digits')
  .refine(isValidGtin, 'barcode is not a valid GTIN-8/12/13/14 (length or check digit)');

const ZGrams = z.number().int().min(0).max(10_000_000);
const ZMillimetres = z.number().int().min(1).max(100_000);
const ZImageUrl = z.url({ protocol: /^https?$/ }).max(2000);

const productFields = {
  sku: ZSku,
  name: z.string().trim().min(1).max(300),
  barcode: ZBarcode.nullish(),
  weightGrams: ZGrams.nullish(),
  lengthMm: ZMillimetres.nullish(),
  widthMm: ZMillimetres.nullish(),
  heightMm: ZMillimetres.nullish(),
  lotTracked: z.boolean(),
  expiryTracked: z.boolean(),
  expiryExclusionDays: z.number().int().min(0).max(3650),
  imageUrl: ZImageUrl.nullish(),
  /** Low stock at or below this many available units (lib/inventory/low-stock.ts). */
  reorderPoint: z.number().int().min(0).max(10_000_000).nullish(),
};

type TrackingFields = { lotTracked?: boolean; expiryTracked?: boolean; expiryExclusionDays?: number };

/** Expiry lives on lots, so expiry tracking needs lot tracking; an exclusion window needs expiry. */
export function trackingIssue(p: TrackingFields): string | null {
  if (p.expiryTracked && p.lotTracked === false) return 'an expiry-tracked product must be lot-tracked';
  if ((p.expiryExclusionDays ?? 0) > 0 && p.expiryTracked === false)
    return 'an expiry exclusion window needs expiry tracking';
  return null;
}

export const ZCreateProductInput = z
  .strictObject({
    ...productFields,
    lotTracked: productFields.lotTracked.default(false),
    expiryTracked: productFields.expiryTracked.default(false),
    expiryExclusionDays: productFields.expiryExclusionDays.default(0),
  })
  .superRefine((p, ctx) => {
    const issue = trackingIssue(p);
    if (issue) ctx.addIssue({ code: 'custom', message: issue, path: ['expiryTracked'] });
  });
export type TCreateProductInput = z.input<typeof ZCreateProductInput>;

export const ZUpdateProductInput = z
  .strictObject({ productId: z.uuid(), ...productFields })
  .partial()
  .required({ productId: true });
export type TUpdateProductInput = z.input<typeof ZUpdateProductInput>;

export const ZListProductsInput = z.strictObject({
  /** Case-insensitive match on SKU, name or barcode. */
  search: z.string().trim().max(100).optional(),
  /** Only products at or below their reorder point. */
  lowStock: z.boolean().default(false),
  after: z.string().optional(),
  before: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(PRODUCTS_PAGE_SIZE),
});
export type TListProductsInput = z.input<typeof ZListProductsInput>;

export const ZFindProductByCodeInput = z.strictObject({
  /** What a keyboard-wedge scanner or a person typed: a SKU or a GTIN. */
  code: z.string().trim().min(1).max(100),
});
export type TFindProductByCodeInput = z.input<typeof ZFindProductByCodeInput>;

export const ZProductId = z.uuid();
