// Which stock an order line should take, as a pure function (the reservation use case will lock
// the candidate rows, call this, and reserve what it returns — see docs/decisions/0005).
//
// 1. Only available stock counts (lib/inventory/availability.ts): PICK_FACE/BULK bins, quantity
//    minus reserved, and for expiry-tracked products only lots expiring after today + the
//    product's exclusion window.
// 2. Warehouse priority: the first warehouse (lowest priority number) that can fill the whole
//    line takes it, so a line ships from one place; when none can, warehouses fill it in
//    priority order and the rest is a shortfall (backorder).
// 3. Within a warehouse: FEFO (earliest expiry first) for expiry-tracked products, else FIFO (the
//    earliest received first); ties by pick sequence (walk order), then id for determinism.
import type { LocationType } from '../db/generated/prisma/enums.ts';
import { availableQuantity, type ExpiryRule } from './availability.ts';

export interface AllocationCandidate {
  stockLevelId: string;
  warehouseId: string;
  warehousePriority: number;
  locationId: string;
  locationType: LocationType;
  pickSequence: number;
  lotId: string | null;
  expiresOn: Date | null;
  /** When the stock was received: the lot's first receipt, else the stock level's creation. */
  receivedAt: Date;
  quantity: number;
  reservedQuantity: number;
}

export interface AllocationPick {
  stockLevelId: string;
  warehouseId: string;
  locationId: string;
  lotId: string | null;
  quantity: number;
}

export interface AllocationResult {
  picks: AllocationPick[];
  allocated: number;
  /** What could not be allocated (backorder). */
  shortfall: number;
}

interface Eligible {
  candidate: AllocationCandidate;
  available: number;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function selectAllocation(input: {
  quantity: number;
  product: ExpiryRule;
  candidates: readonly AllocationCandidate[];
  today: Date;
}): AllocationResult {
  const { quantity, product, today } = input;
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RangeError('quantity must be a positive integer');

  const eligible: Eligible[] = input.candidates
    .map((candidate) => ({ candidate, available: availableQuantity(candidate, product, today) }))
    .filter((e) => e.available > 0);

  const withinWarehouse = (a: Eligible, b: Eligible): number => {
    const x = a.candidate;
    const y = b.candidate;
    if (product.expiryTracked) {
      const byExpiry = (x.expiresOn?.getTime() ?? Infinity) - (y.expiresOn?.getTime() ?? Infinity);
      if (byExpiry !== 0) return byExpiry;
    }
    return (
      x.receivedAt.getTime() - y.receivedAt.getTime() ||
      x.pickSequence - y.pickSequence ||
      compareIds(x.stockLevelId, y.stockLevelId)
    );
  };

  const warehouses = new Map<string, { priority: number; rows: Eligible[]; total: number }>();
  for (const e of eligible) {
    const w = warehouses.get(e.candidate.warehouseId) ?? {
      priority: e.candidate.warehousePriority,
      rows: [],
      total: 0,
    };
    w.rows.push(e);
    w.total += e.available;
    warehouses.set(e.candidate.warehouseId, w);
  }
  const ordered = [...warehouses.entries()]
    .sort(([idA, a], [idB, b]) => a.priority - b.priority || compareIds(idA, idB))
    .map(([, w]) => ({ ...w, rows: w.rows.sort(withinWarehouse) }));

  const whole = ordered.find((w) => w.total >= quantity);
  const sources = whole ? [whole] : ordered;

  const picks: AllocationPick[] = [];
  let remaining = quantity;
  for (const w of sources) {
    for (const { candidate, available } of w.rows) {
      if (remaining === 0) break;
      const take = Math.min(available, remaining);
      picks.push({
        stockLevelId: candidate.stockLevelId,
        warehouseId: candidate.warehouseId,
        locationId: candidate.locationId,
        lotId: candidate.lotId,
        quantity: take,
      });
      remaining -= take;
    }
  }
  return { picks, allocated: quantity - remaining, shortfall: remaining };
}
