import { z } from 'zod';
import { LOCATION_SEGMENT_FIELDS } from './location-pattern.ts';

export const LOCATION_TYPES = ['PICK_FACE', 'BULK', 'QUARANTINE', 'RETURNS', 'RECEIVING'] as const;
export const ZLocationType = z.enum(LOCATION_TYPES);

export const LOCATIONS_PAGE_SIZE = 100;

const ZWarehouseCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, 'warehouse code: up to 20 of A-Z, 0-9, - and _');
/** Bin codes as printed on labels and scanned: upper-case letters, digits and dashes. */
export const ZLocationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'location code: up to 40 of A-Z, 0-9 and -');
const ZPart = z.string().trim().min(1).max(20);
const ZPriority = z.number().int().min(0).max(1_000_000);
const ZPickSequence = z.number().int().min(0).max(100_000_000);

export const ZCreateWarehouseInput = z.strictObject({
  code: ZWarehouseCode,
  name: z.string().trim().min(1).max(200),
  /** Allocation tries lower numbers first. */
  priority: ZPriority.default(100),
});
export type TCreateWarehouseInput = z.input<typeof ZCreateWarehouseInput>;

export const ZUpdateWarehouseInput = z.strictObject({
  warehouseId: z.uuid(),
  name: z.string().trim().min(1).max(200).optional(),
  priority: ZPriority.optional(),
});
export type TUpdateWarehouseInput = z.input<typeof ZUpdateWarehouseInput>;

export const ZCreateLocationInput = z.strictObject({
  warehouseId: z.uuid(),
  code: ZLocationCode,
  type: ZLocationType,
  zone: ZPart.nullish(),
  aisle: ZPart.nullish(),
  shelf: ZPart.nullish(),
  level: ZPart.nullish(),
  pickSequence: ZPickSequence.optional(),
});
export type TCreateLocationInput = z.input<typeof ZCreateLocationInput>;

export const ZUpdateLocationInput = z.strictObject({
  locationId: z.uuid(),
  type: ZLocationType.optional(),
  zone: ZPart.nullish(),
  aisle: ZPart.nullish(),
  shelf: ZPart.nullish(),
  level: ZPart.nullish(),
  pickSequence: ZPickSequence.optional(),
});
export type TUpdateLocationInput = z.input<typeof ZUpdateLocationInput>;

export const ZLocationIdInput = z.strictObject({ locationId: z.uuid() });
export type TLocationIdInput = z.input<typeof ZLocationIdInput>;

export const ZBulkCreateLocationsInput = z.strictObject({
  warehouseId: z.uuid(),
  /** e.g. `A-01-01..A-20-05` (lib/warehouse/location-pattern.ts). */
  pattern: z.string().trim().min(1).max(100),
  type: ZLocationType,
  /** What each dash-separated segment means; defaults to aisle, shelf, level (zone first with four). */
  segmentFields: z.array(z.enum(LOCATION_SEGMENT_FIELDS)).max(4).optional(),
  /** Zone for every new bin, unless a segment is the zone. */
  zone: ZPart.optional(),
  /** First pick sequence; defaults to just after the warehouse's highest. */
  pickSequenceStart: ZPickSequence.optional(),
  pickSequenceStep: z.number().int().min(1).max(1000).default(10),
});
export type TBulkCreateLocationsInput = z.input<typeof ZBulkCreateLocationsInput>;

export const ZFindLocationByCodeInput = z.strictObject({
  code: z.string().trim().toUpperCase().min(1).max(40),
  /** The warehouse the scanner is in; needed when the code exists in several. */
  warehouseId: z.uuid().optional(),
});
export type TFindLocationByCodeInput = z.input<typeof ZFindLocationByCodeInput>;

export const ZListLocationsInput = z.strictObject({
  warehouseId: z.uuid(),
  type: ZLocationType.optional(),
  after: z.string().optional(),
  before: z.string().optional(),
  limit: z.number().int().min(1).max(500).default(LOCATIONS_PAGE_SIZE),
});
export type TListLocationsInput = z.input<typeof ZListLocationsInput>;
