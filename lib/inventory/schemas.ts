import { z } from 'zod';

export const MOVEMENTS_PAGE_SIZE = 100;
const MAX_LINES = 200;

const ZQuantity = z.number().int().min(1).max(10_000_000);
const ZCount = z.number().int().min(0).max(10_000_000);
const ZLotNumber = z.string().trim().min(1).max(100);
/** A calendar date, `YYYY-MM-DD` (lots expire on a day, not at an instant). */
export const ZDate = z.iso.date();
const ZReference = z.string().trim().min(1).max(200);
const ZNote = z.string().trim().min(1).max(500);

/** Why stock was adjusted or scrapped (OpenBoxes-style reason codes, recorded on the ledger). */
export const ADJUSTMENT_REASONS = ['DAMAGED', 'LOST', 'FOUND', 'EXPIRED', 'CORRECTION', 'OTHER'] as const;
export const ZAdjustmentReason = z.enum(ADJUSTMENT_REASONS);

/** A lot named by id or by its number (what a scanner reads off the carton). */
const lotRef = { lotId: z.uuid().optional(), lotNumber: ZLotNumber.optional() };

export const ZReceiveStockInput = z.strictObject({
  /** Where the goods are booked in (usually a RECEIVING bin). */
  locationId: z.uuid(),
  /** The expected delivery received against; omitted for a blind receipt. */
  deliveryId: z.uuid().optional(),
  reference: ZReference.optional(),
  lines: z
    .array(
      z
        .strictObject({
          productId: z.uuid(),
          /** Good units booked into stock. */
          quantity: ZCount,
          /** Units that arrived damaged: recorded as a discrepancy, not booked into stock. */
          damagedQuantity: ZCount.default(0),
          lotNumber: ZLotNumber.optional(),
          expiresOn: ZDate.optional(),
          note: ZNote.optional(),
        })
        .refine((l) => l.quantity + l.damagedQuantity > 0, 'a line needs a quantity'),
    )
    .min(1)
    .max(MAX_LINES),
});
export type TReceiveStockInput = z.input<typeof ZReceiveStockInput>;

export const ZCreateInboundDeliveryInput = z.strictObject({
  warehouseId: z.uuid(),
  /** Purchase order or ASN number; unique per organization. */
  reference: ZReference,
  supplier: z.string().trim().min(1).max(200).optional(),
  expectedAt: z.coerce.date().optional(),
  lines: z
    .array(z.strictObject({ productId: z.uuid(), expectedQuantity: ZQuantity }))
    .min(1)
    .max(MAX_LINES)
    .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, 'one line per product'),
});
export type TCreateInboundDeliveryInput = z.input<typeof ZCreateInboundDeliveryInput>;

export const ZDeliveryIdInput = z.strictObject({ deliveryId: z.uuid() });
export type TDeliveryIdInput = z.input<typeof ZDeliveryIdInput>;

export const ZSuggestPutawayInput = z.strictObject({
  warehouseId: z.uuid(),
  productId: z.uuid(),
  limit: z.number().int().min(1).max(50).default(5),
});
export type TSuggestPutawayInput = z.input<typeof ZSuggestPutawayInput>;

/** Put-away, location→location and warehouse→warehouse moves. */
export const ZMoveStockInput = z.strictObject({
  fromLocationId: z.uuid(),
  toLocationId: z.uuid(),
  productId: z.uuid(),
  ...lotRef,
  quantity: ZQuantity,
  reference: ZReference.optional(),
});
export type TMoveStockInput = z.input<typeof ZMoveStockInput>;

export const ZAdjustStockInput = z.strictObject({
  locationId: z.uuid(),
  productId: z.uuid(),
  ...lotRef,
  /** Positive adds stock, negative removes it. */
  delta: z
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((d) => d !== 0, 'delta must not be zero'),
  /** Needed when a positive adjustment creates a new lot of an expiry-tracked product. */
  expiresOn: ZDate.optional(),
  reasonCode: ZAdjustmentReason,
  reference: ZReference.optional(),
});
export type TAdjustStockInput = z.input<typeof ZAdjustStockInput>;

export const ZScrapStockInput = z.strictObject({
  locationId: z.uuid(),
  productId: z.uuid(),
  ...lotRef,
  quantity: ZQuantity,
  reasonCode: ZAdjustmentReason,
  reference: ZReference.optional(),
});
export type TScrapStockInput = z.input<typeof ZScrapStockInput>;

export const ZListLotsInput = z.strictObject({
  productId: z.uuid(),
  /** Include lots with nothing on hand. */
  includeEmpty: z.boolean().default(false),
});
export type TListLotsInput = z.input<typeof ZListLotsInput>;

export const ZGetProductStockInput = z.strictObject({ productId: z.uuid() });
export type TGetProductStockInput = z.input<typeof ZGetProductStockInput>;

export const ZListLocationStockInput = z.strictObject({ locationId: z.uuid() });
export type TListLocationStockInput = z.input<typeof ZListLocationStockInput>;

export const STOCK_MOVEMENT_TYPES = [
  'RECEIVE',
  'PUTAWAY',
  'MOVE',
  'ADJUST',
  'ALLOCATE',
  'DEALLOCATE',
  'PICK',
  'RETURN',
  'SCRAP',
  'COUNT',
] as const;

export const ZListStockMovementsInput = z.strictObject({
  productId: z.uuid().optional(),
  /** Movements into or out of this location. */
  locationId: z.uuid().optional(),
  type: z.enum(STOCK_MOVEMENT_TYPES).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  /** Newest first (the default, as a stock card reads) or oldest first. */
  order: z.enum(['desc', 'asc']).default('desc'),
  after: z.string().optional(),
  before: z.string().optional(),
  limit: z.number().int().min(1).max(500).default(MOVEMENTS_PAGE_SIZE),
});
export type TListStockMovementsInput = z.input<typeof ZListStockMovementsInput>;

export const ZCreateCountTaskInput = z
  .strictObject({
    warehouseId: z.uuid(),
    locationId: z.uuid().optional(),
    productId: z.uuid().optional(),
    /** Blind (the default): the counter never sees the expected quantity. */
    blind: z.boolean().default(true),
  })
  .refine((t) => (t.locationId ? 1 : 0) + (t.productId ? 1 : 0) === 1, 'count one location or one product');
export type TCreateCountTaskInput = z.input<typeof ZCreateCountTaskInput>;

export const ZCountTaskIdInput = z.strictObject({ countTaskId: z.uuid() });
export type TCountTaskIdInput = z.input<typeof ZCountTaskIdInput>;

export const ZSubmitCountInput = z.strictObject({
  countTaskId: z.uuid(),
  /** A count for every line of the task. */
  lines: z
    .array(z.strictObject({ lineId: z.uuid(), countedQuantity: ZCount }))
    .max(MAX_LINES * 5)
    .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, 'each line once'),
  /** Stock found that the task did not list (expected 0). */
  found: z
    .array(
      z.strictObject({
        locationId: z.uuid(),
        productId: z.uuid(),
        ...lotRef,
        expiresOn: ZDate.optional(),
        countedQuantity: ZQuantity,
      }),
    )
    .max(MAX_LINES)
    .default([]),
});
export type TSubmitCountInput = z.input<typeof ZSubmitCountInput>;

export const ZReviewCountInput = z.strictObject({
  countTaskId: z.uuid(),
  decision: z.enum(['APPROVE', 'REJECT']),
});
export type TReviewCountInput = z.input<typeof ZReviewCountInput>;

export const ZPreviewAllocationInput = z.strictObject({
  productId: z.uuid(),
  quantity: ZQuantity,
});
export type TPreviewAllocationInput = z.input<typeof ZPreviewAllocationInput>;

export const ZOrderIdInput = z.strictObject({ orderId: z.uuid() });
export type TOrderIdInput = z.infer<typeof ZOrderIdInput>;

// Scanner-driven screens: what a person scans or types (codes), resolved to ids by
// lib/inventory/scan-operations.ts before the use case runs.
const ZScannedSku = z.string().trim().min(1).max(100);
const ZScannedBin = z.string().trim().toUpperCase().min(1).max(40);
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? undefined : s))
    .optional();

const ZScannedQuantity = z.coerce.number().int().min(1).max(10_000_000);
const ZScannedCount = z.coerce.number().int().min(0).max(10_000_000);

export const ZScanReceiveInput = z
  .strictObject({
    warehouseId: z.uuid().optional(),
    /** Receiving against an expected delivery (its lines are updated); omitted for a blind receipt. */
    deliveryId: z.uuid().optional(),
    binCode: ZScannedBin,
    sku: ZScannedSku,
    /** Good units; 0 when every unit of the line arrived damaged. */
    quantity: ZScannedCount,
    damagedQuantity: ZScannedCount.optional(),
    lotNumber: ZOptionalText(100),
    expiresOn: ZOptionalText(10).pipe(ZDate.optional()),
    reference: ZOptionalText(200),
    note: ZOptionalText(500),
  })
  .refine((r) => r.quantity + (r.damagedQuantity ?? 0) > 0, {
    message: 'enter the units received',
    path: ['quantity'],
  });
export type TScanReceiveInput = z.input<typeof ZScanReceiveInput>;

export const ZScanTransferInput = z.strictObject({
  warehouseId: z.uuid().optional(),
  fromBinCode: ZScannedBin,
  toBinCode: ZScannedBin,
  sku: ZScannedSku,
  lotNumber: ZOptionalText(100),
  quantity: ZScannedQuantity,
  reference: ZOptionalText(200),
});
export type TScanTransferInput = z.input<typeof ZScanTransferInput>;

export const ZScanCountTaskInput = z.strictObject({
  warehouseId: z.uuid().optional(),
  binCode: ZScannedBin,
  blind: z.boolean().default(true),
});
export type TScanCountTaskInput = z.input<typeof ZScanCountTaskInput>;

export const ZListCountTasksInput = z.strictObject({
  status: z.enum(['OPEN', 'PENDING_APPROVAL', 'COMPLETED', 'REJECTED']).optional(),
});
export type TListCountTasksInput = z.input<typeof ZListCountTasksInput>;

/** An expected delivery typed or scanned line by line: SKUs (or barcodes) and quantities. */
export const ZScanInboundDeliveryInput = z.strictObject({
  warehouseId: z.uuid(),
  reference: ZReference,
  supplier: ZOptionalText(200),
  expectedAt: ZOptionalText(10).pipe(ZDate.optional()),
  lines: z
    .array(z.strictObject({ sku: ZScannedSku, expectedQuantity: ZScannedQuantity }))
    .min(1, 'add at least one line')
    .max(MAX_LINES),
});
export type TScanInboundDeliveryInput = z.input<typeof ZScanInboundDeliveryInput>;

const scannedStock = {
  warehouseId: z.uuid().optional(),
  binCode: ZScannedBin,
  sku: ZScannedSku,
  lotNumber: ZOptionalText(100),
  reasonCode: ZAdjustmentReason,
  reference: ZOptionalText(200),
};

export const ZScanAdjustInput = z.strictObject({
  ...scannedStock,
  /** Positive adds stock to the bin, negative removes it. */
  delta: z.coerce
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((d) => d !== 0, 'the change must not be zero'),
  expiresOn: ZOptionalText(10).pipe(ZDate.optional()),
});
export type TScanAdjustInput = z.input<typeof ZScanAdjustInput>;

export const ZScanScrapInput = z.strictObject({ ...scannedStock, quantity: ZScannedQuantity });
export type TScanScrapInput = z.input<typeof ZScanScrapInput>;

/** Stock waiting in one kind of bin (RECEIVING for put-away, QUARANTINE for release). */
export const ZListStockByLocationTypeInput = z.strictObject({
  type: z.enum(['RECEIVING', 'QUARANTINE']),
  warehouseId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type TListStockByLocationTypeInput = z.input<typeof ZListStockByLocationTypeInput>;

export const ZListInboundDeliveriesInput = z.strictObject({
  status: z.enum(['OPEN', 'CLOSED']).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type TListInboundDeliveriesInput = z.input<typeof ZListInboundDeliveriesInput>;
