// The walk path of a pick list (pure): allocation rows become lines sorted by the bins' pick
// sequence, and consecutive lines of one product at one bin (and lot) form one pick task — in a
// batch list the picker takes the units of many orders from a bin in one visit.

export interface WalkLine {
  orderId: string;
  orderLabel: string;
  orderLineId: string;
  productId: string;
  sku: string;
  productName: string;
  lotTracked: boolean;
  locationId: string;
  locationCode: string;
  pickSequence: number;
  lotId: string | null;
  lotNumber: string | null;
  stockLevelId: string;
  quantity: number;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Walk order: bin pick sequence, bin code, SKU, lot, then order — stable for equal keys. */
export function sortByWalkPath<T extends WalkLine>(lines: readonly T[]): T[] {
  return [...lines].sort(
    (a, b) =>
      a.pickSequence - b.pickSequence ||
      compareText(a.locationCode, b.locationCode) ||
      compareText(a.sku, b.sku) ||
      compareText(a.lotNumber ?? '', b.lotNumber ?? '') ||
      compareText(a.orderLabel, b.orderLabel) ||
      compareText(a.orderLineId, b.orderLineId),
  );
}

export const taskKey = (l: { locationId: string; productId: string; lotId: string | null }) =>
  `${l.locationId}/${l.productId}/${l.lotId ?? '-'}`;

export interface PickTaskOf<L> {
  key: string;
  lines: L[];
}

/** Groups lines (already in walk order) into tasks: one per (bin, product, lot), in first-seen order. */
export function groupIntoTasks<L extends { locationId: string; productId: string; lotId: string | null }>(
  lines: readonly L[],
): PickTaskOf<L>[] {
  const tasks = new Map<string, PickTaskOf<L>>();
  for (const line of lines) {
    const key = taskKey(line);
    const task = tasks.get(key) ?? { key, lines: [] };
    task.lines.push(line);
    tasks.set(key, task);
  }
  return [...tasks.values()];
}
