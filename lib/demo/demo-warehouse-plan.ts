// What the demo warehouse holds (docs/decisions/0023-demo-warehouse.md): the layout of its bins
// and, per product the simulated seller sells, the physical details and the stock a warehouse on
// its thirtieth day would have. Pure data and arithmetic, no database.

export const DEMO_WAREHOUSE = { code: 'BHX1', name: 'Birmingham fulfilment centre', priority: 10 } as const;

/** Bins in walk order: a pick-face zone (A), a bulk zone (B) and the dock bins. */
export const DEMO_BIN_RANGES = [
  // Zone A: 4 aisles × 3 levels of pick faces (A-01-1 … A-04-3).
  { pattern: 'A-01-1..A-04-3', type: 'PICK_FACE', segmentFields: ['zone', 'aisle', 'level'] },
  // Zone B: 2 aisles × 3 levels of pallet racking for overstock.
  { pattern: 'B-01-1..B-02-3', type: 'BULK', segmentFields: ['zone', 'aisle', 'level'] },
] as const;
export const DEMO_DOCK_BINS = [
  { code: 'RECV-01', type: 'RECEIVING', zone: 'DOCK' },
  { code: 'RET-01', type: 'RETURNS', zone: 'DOCK' },
  { code: 'QC-01', type: 'QUARANTINE', zone: 'DOCK' },
] as const;
export const DEMO_RECEIVING_BIN = 'RECV-01';

export interface DemoProductPlan {
  sku: string;
  name: string;
  barcode: string;
  weightGrams: number;
  dimensionsMm: [number, number, number];
  lotTracked: boolean;
  expiryTracked: boolean;
  expiryExclusionDays: number;
  /** Pick-face bin and the units put away there, then the bulk bin and its units (0: none). */
  pickFace: string;
  pickFaceUnits: number;
  bulk: string | null;
  bulkUnits: number;
  /** Lots the units arrive in (lot-tracked products): number and expiry offset in days. */
  lots: { lotNumber: string; expiresInDays: number | null; share: number }[];
}

/** A GTIN-13 in the GS1 "restricted circulation" range 20–29 with its check digit. */
export function demoGtin(n: number): string {
  const body = `2050000${String(n).padStart(5, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

const pickFaceCode = (n: number) => `A-${String(Math.floor(n / 3) + 1).padStart(2, '0')}-${(n % 3) + 1}`;
const bulkCode = (n: number) => `B-${String(Math.floor(n / 3) + 1).padStart(2, '0')}-${(n % 3) + 1}`;

/**
 * One product per catalogue entry, in catalogue order. Every product has a pick face (spread over
 * the aisles so a pick list walks the zone); most have overstock in bulk; the fifth and sixth are
 * scarce (a few units), so some orders for them backorder; the first is lot-tracked and the third
 * lot- and expiry-tracked (two lots each, FEFO visible on the stock card).
 */
export function demoProductPlans(
  catalogue: readonly { sellerSku: string; title: string }[],
): DemoProductPlan[] {
  if (catalogue.length > 12) throw new Error('the demo layout has 12 pick faces');
  return catalogue.map((item, n) => {
    const scarce = n === 4 || n === 5;
    const lotTracked = n === 0 || n === 2;
    const expiryTracked = n === 2;
    const weightGrams = 150 + ((n * 337) % 1850);
    return {
      sku: item.sellerSku,
      name: item.title,
      barcode: demoGtin(n + 1),
      weightGrams,
      dimensionsMm: [100 + n * 20, 80 + n * 10, 40 + n * 15],
      lotTracked,
      expiryTracked,
      expiryExclusionDays: expiryTracked ? 30 : 0,
      // Pick faces every other bin (0, 2, 4, …, then 1, 3, …): the walk crosses aisles.
      pickFace: pickFaceCode(n < 6 ? n * 2 : (n - 6) * 2 + 1),
      pickFaceUnits: scarce ? 3 + (n - 4) * 3 : 40 + n * 5,
      bulk: scarce ? null : bulkCode(n % 6),
      bulkUnits: scarce ? 0 : 120 + n * 10,
      lots: lotTracked
        ? [
            { lotNumber: `LOT-${n + 1}A`, expiresInDays: expiryTracked ? 120 : null, share: 0.4 },
            { lotNumber: `LOT-${n + 1}B`, expiresInDays: expiryTracked ? 300 : null, share: 0.6 },
          ]
        : [],
    };
  });
}
