import { describe, expect, it } from 'vitest';
import { availableQuantity, isLotAllocatable } from './availability.ts';

const today = new Date('2026-11-25T23:59:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const tracked = (days: number) => ({ expiryTracked: true, expiryExclusionDays: days });

describe('isLotAllocatable', () => {
  it('ignores expiry for products that do not track it', () => {
    expect(isLotAllocatable(day('2020-01-01'), { expiryTracked: false, expiryExclusionDays: 0 }, today)).toBe(
      true,
    );
  });

  it('excludes expired lots, lots expiring today and lots inside the window', () => {
    expect(isLotAllocatable(day('2026-11-24'), tracked(0), today)).toBe(false);
    expect(isLotAllocatable(day('2026-11-25'), tracked(0), today)).toBe(false);
    expect(isLotAllocatable(day('2026-11-26'), tracked(0), today)).toBe(true);
    expect(isLotAllocatable(day('2026-12-05'), tracked(10), today)).toBe(false);
    expect(isLotAllocatable(day('2026-12-06'), tracked(10), today)).toBe(true);
    expect(isLotAllocatable(null, tracked(0), today)).toBe(false);
  });
});

describe('availableQuantity', () => {
  const row = { quantity: 10, reservedQuantity: 3, expiresOn: null };
  const plain = { expiryTracked: false, expiryExclusionDays: 0 };

  it('is on-hand minus reserved in pick faces and bulk', () => {
    expect(availableQuantity({ ...row, locationType: 'PICK_FACE' }, plain, today)).toBe(7);
    expect(availableQuantity({ ...row, locationType: 'BULK' }, plain, today)).toBe(7);
  });

  it('is zero in quarantine, returns and receiving bins, and for ineligible lots', () => {
    for (const locationType of ['QUARANTINE', 'RETURNS', 'RECEIVING'] as const) {
      expect(availableQuantity({ ...row, locationType }, plain, today)).toBe(0);
    }
    expect(
      availableQuantity(
        { ...row, locationType: 'PICK_FACE', expiresOn: day('2026-11-01') },
        tracked(0),
        today,
      ),
    ).toBe(0);
  });
});
