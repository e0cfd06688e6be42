// The pure parts of picking: walk-path order and task grouping, scan checks and list numbers.
import { describe, expect, it } from 'vitest';
import { formatPickListNumber } from './pick-list-number.ts';
import { groupIntoTasks, sortByWalkPath, type WalkLine } from './pick-walk.ts';
import { checkScan, verifyPickScans } from './verify-pick-scan.ts';

const line = (over: Partial<WalkLine>): WalkLine => ({
  orderId: 'o',
  orderLabel: 'O-1',
  orderLineId: 'ol',
  productId: 'p',
  sku: 'SKU',
  productName: 'Product',
  lotTracked: false,
  locationId: 'l',
  locationCode: 'A',
  pickSequence: 0,
  lotId: null,
  lotNumber: null,
  stockLevelId: 's',
  quantity: 1,
  ...over,
});

describe('walk path', () => {
  it('sorts by pick sequence, then bin code, SKU, lot and order, and groups one task per bin/product/lot', () => {
    const lines = [
      line({ locationId: 'c', locationCode: 'C', pickSequence: 3, orderLabel: 'O-2' }),
      line({ locationId: 'a', locationCode: 'Z', pickSequence: 1 }),
      line({ locationId: 'c', locationCode: 'C', pickSequence: 3, orderLabel: 'O-1' }),
      line({ locationId: 'b', locationCode: 'B', pickSequence: 1, lotId: 'x', lotNumber: 'L2' }),
      line({ locationId: 'b', locationCode: 'B', pickSequence: 1, lotId: 'y', lotNumber: 'L1' }),
    ];
    const sorted = sortByWalkPath(lines);
    expect(sorted.map((l) => `${l.locationCode}/${l.lotNumber ?? ''}/${l.orderLabel}`)).toEqual([
      'B/L1/O-1',
      'B/L2/O-1',
      'Z//O-1',
      'C//O-1',
      'C//O-2',
    ]);
    expect(groupIntoTasks(sorted).map((t) => t.lines.length)).toEqual([1, 1, 1, 2]);
  });
});

describe('scan checks', () => {
  const expected = { binCode: 'A-01', sku: 'MUG-1', barcode: '4006381333931', lotNumber: 'L7' };
  it('accepts matching scans case-insensitively and the barcode for the SKU', () => {
    expect(verifyPickScans(expected, { bin: ' a-01 ', item: '4006381333931', lot: 'l7' })).toBeNull();
    expect(checkScan('item', expected, 'mug-1')).toBeNull();
  });
  it('refuses with expected vs got, bin first', () => {
    expect(verifyPickScans(expected, { bin: 'A-02', item: 'X', lot: 'L7' })).toBe(
      'Wrong bin: expected A-01, got A-02',
    );
    expect(verifyPickScans(expected, { bin: 'A-01', item: 'X', lot: 'L7' })).toBe(
      'Wrong item: expected MUG-1, got X',
    );
    expect(verifyPickScans(expected, { bin: 'A-01', item: 'MUG-1' })).toBe('Wrong lot: expected L7, got ');
  });
});

describe('pick list numbers', () => {
  it('formats PL-000123', () => {
    expect(formatPickListNumber(123)).toBe('PL-000123');
  });
});
