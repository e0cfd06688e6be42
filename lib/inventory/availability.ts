// What "available" means, in one place (STYLE.md "Inventory invariants in one module"):
// available = on-hand − reserved, computed, never stored, and only for stock that could be
// picked for an order today — in a PICK_FACE or BULK bin (never QUARANTINE; RETURNS and RECEIVING
// stock is on hand but not available until inspected or put away) and, for expiry-tracked
// products, in a lot that expires after today + the product's exclusion window.
import { Prisma } from '../db/generated/prisma/client.ts';
import type { LocationType } from '../db/generated/prisma/enums.ts';

export const AVAILABLE_LOCATION_TYPES: ReadonlySet<LocationType> = new Set<LocationType>([
  'PICK_FACE',
  'BULK',
]);

const DAY_MS = 86_400_000;

/** Whole days since the epoch of a date's UTC calendar day. */
export const utcDay = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

export interface ExpiryRule {
  expiryTracked: boolean;
  expiryExclusionDays: number;
}

/**
 * A lot may be allocated when it expires strictly after today + the exclusion window (a lot
 * expiring today is not shipped). A lot without an expiry date of an expiry-tracked product
 * cannot be judged, so it is not allocated either.
 */
export function isLotAllocatable(expiresOn: Date | null, product: ExpiryRule, today: Date): boolean {
  if (!product.expiryTracked) return true;
  if (!expiresOn) return false;
  return utcDay(expiresOn) > utcDay(today) + product.expiryExclusionDays;
}

export function availableQuantity(
  row: { quantity: number; reservedQuantity: number; locationType: LocationType; expiresOn: Date | null },
  product: ExpiryRule,
  today: Date,
): number {
  if (!AVAILABLE_LOCATION_TYPES.has(row.locationType)) return 0;
  if (!isLotAllocatable(row.expiresOn, product, today)) return 0;
  return Math.max(0, row.quantity - row.reservedQuantity);
}

/**
 * The same rule in SQL, for figures summed over many stock levels in one statement: the available
 * units of a stock level `s` at location `loc` (its type), lot `lot` (left-joined) and product `p`.
 */
export const availableQuantitySql = (now: Date): Prisma.Sql => Prisma.sql`
  CASE WHEN loc.type = ANY(${[...AVAILABLE_LOCATION_TYPES]}::location_type[])
        AND (NOT p.expiry_tracked
             OR lot.expires_on > (${now}::timestamptz AT TIME ZONE 'UTC')::date + p.expiry_exclusion_days)
       THEN greatest(0, s.quantity - s.reserved_quantity) ELSE 0 END`;
