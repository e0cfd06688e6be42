import { describe, expect, it } from 'vitest';
import { selectAllocation, type AllocationCandidate } from './select-allocation.ts';

const today = new Date('2026-06-10T15:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let seq = 0;

function stock(over: Partial<AllocationCandidate> = {}): AllocationCandidate {
  seq += 1;
  return {
    stockLevelId: `sl-${String(seq).padStart(3, '0')}`,
    warehouseId: 'w1',
    warehousePriority: 1,
    locationId: `loc-${seq}`,
    locationType: 'PICK_FACE',
    pickSequence: seq * 10,
    lotId: `lot-${seq}`,
    expiresOn: null,
    receivedAt: day('2026-01-01'),
    quantity: 10,
    reservedQuantity: 0,
    ...over,
  };
}

const fefo = { expiryTracked: true, expiryExclusionDays: 0 };
const plain = { expiryTracked: false, expiryExclusionDays: 0 };

describe('selectAllocation', () => {
  it('FEFO: takes the earliest-expiring eligible lot first', () => {
    const late = stock({ expiresOn: day('2026-12-01'), pickSequence: 1 });
    const early = stock({ expiresOn: day('2026-07-01'), pickSequence: 99 });
    const mid = stock({ expiresOn: day('2026-09-01') });
    const result = selectAllocation({ quantity: 15, product: fefo, candidates: [late, mid, early], today });
    expect(result.picks.map((p) => [p.lotId, p.quantity])).toEqual([
      [early.lotId, 10],
      [mid.lotId, 5],
    ]);
    expect(result).toMatchObject({ allocated: 15, shortfall: 0 });
  });

  it('FEFO: skips expired lots, lots expiring today and lots inside the exclusion window', () => {
    const expired = stock({ expiresOn: day('2026-06-01') });
    const today_ = stock({ expiresOn: day('2026-06-10') });
    const inWindow = stock({ expiresOn: day('2026-06-25') });
    const edge = stock({ expiresOn: day('2026-06-24') }); // exactly today + 14: excluded
    const ok = stock({ expiresOn: day('2026-06-26') });
    const noExpiry = stock({ expiresOn: null });
    const product = { expiryTracked: true, expiryExclusionDays: 14 };
    const result = selectAllocation({
      quantity: 30,
      product,
      candidates: [expired, today_, inWindow, edge, ok, noExpiry],
      today,
    });
    expect(result.picks.map((p) => p.lotId)).toEqual([inWindow.lotId, ok.lotId]);
    expect(result).toMatchObject({ allocated: 20, shortfall: 10 });
  });

  it('FIFO by receipt when the product is not expiry-tracked (expiry dates ignored)', () => {
    const newer = stock({ receivedAt: day('2026-05-01'), expiresOn: day('2026-01-01') });
    const older = stock({ receivedAt: day('2026-02-01') });
    const result = selectAllocation({ quantity: 12, product: plain, candidates: [newer, older], today });
    expect(result.picks.map((p) => [p.stockLevelId, p.quantity])).toEqual([
      [older.stockLevelId, 10],
      [newer.stockLevelId, 2],
    ]);
  });

  it('never takes quarantine, returns or receiving stock, nor reserved units', () => {
    const q = stock({ locationType: 'QUARANTINE', receivedAt: day('2025-01-01') });
    const r = stock({ locationType: 'RETURNS', receivedAt: day('2025-01-01') });
    const rc = stock({ locationType: 'RECEIVING', receivedAt: day('2025-01-01') });
    const partlyReserved = stock({ quantity: 10, reservedQuantity: 7 });
    const bulk = stock({ locationType: 'BULK' });
    const result = selectAllocation({
      quantity: 50,
      product: plain,
      candidates: [q, r, rc, partlyReserved, bulk],
      today,
    });
    expect(result.picks.map((p) => [p.stockLevelId, p.quantity])).toEqual([
      [partlyReserved.stockLevelId, 3],
      [bulk.stockLevelId, 10],
    ]);
    expect(result.shortfall).toBe(37);
  });

  it('warehouse priority: the first warehouse that can fill the whole line takes it', () => {
    const w1 = stock({ warehouseId: 'w1', warehousePriority: 1, quantity: 5, receivedAt: day('2025-01-01') });
    const w2a = stock({ warehouseId: 'w2', warehousePriority: 2, quantity: 4 });
    const w2b = stock({ warehouseId: 'w2', warehousePriority: 2, quantity: 4 });
    const w3 = stock({ warehouseId: 'w3', warehousePriority: 0, quantity: 2 });
    expect(selectAllocation({ quantity: 2, product: plain, candidates: [w1, w2a, w3], today }).picks).toEqual(
      [expect.objectContaining({ warehouseId: 'w3', quantity: 2 })],
    );
    const whole = selectAllocation({ quantity: 8, product: plain, candidates: [w1, w2a, w2b, w3], today });
    expect(whole.picks.map((p) => p.warehouseId)).toEqual(['w2', 'w2']);
  });

  it('splits across warehouses in priority order when none can fill the line, with a shortfall', () => {
    const w1 = stock({ warehouseId: 'w1', warehousePriority: 1, quantity: 5 });
    const w2 = stock({ warehouseId: 'w2', warehousePriority: 2, quantity: 4 });
    const result = selectAllocation({ quantity: 12, product: plain, candidates: [w2, w1], today });
    expect(result.picks.map((p) => [p.warehouseId, p.quantity])).toEqual([
      ['w1', 5],
      ['w2', 4],
    ]);
    expect(result).toMatchObject({ allocated: 9, shortfall: 3 });
  });

  it('breaks ties by pick sequence, and is deterministic', () => {
    const a = stock({ pickSequence: 30 });
    const b = stock({ pickSequence: 10 });
    const first = selectAllocation({ quantity: 1, product: plain, candidates: [a, b], today });
    const second = selectAllocation({ quantity: 1, product: plain, candidates: [b, a], today });
    expect(first.picks[0]?.stockLevelId).toBe(b.stockLevelId);
    expect(second).toEqual(first);
  });

  it('returns a full shortfall with no stock, and refuses a bad quantity', () => {
    expect(selectAllocation({ quantity: 3, product: plain, candidates: [], today })).toEqual({
      picks: [],
      allocated: 0,
      shortfall: 3,
    });
    expect(() => selectAllocation({ quantity: 0, product: plain, candidates: [], today })).toThrow(
      RangeError,
    );
  });
});
