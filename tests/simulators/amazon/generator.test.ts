// The seeded order generator and the simulator clock.
import { describe, expect, it } from 'vitest';
import { createSimClock } from './clock.ts';
import {
  V0_ORDER_STATUSES,
  canaryMarker,
  generateOrders,
  lastUpdateAt,
  shippedQuantities,
  statusAt,
} from './generator.ts';

const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = FROM + 7 * 24 * 3600_000;
const base = {
  sellingPartnerId: 'A1SELLER',
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'],
  from: FROM,
  to: TO,
};

describe('generateOrders', () => {
  it('is deterministic: same seed → same orders; a larger count extends a smaller one', () => {
    const a = generateOrders({ ...base, seed: 42, count: 200 });
    const b = generateOrders({ ...base, seed: 42, count: 200 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(generateOrders({ ...base, seed: 42, count: 50 }))).toBe(
      JSON.stringify(a.slice(0, 50)),
    );
    const c = generateOrders({ ...base, seed: 43, count: 200 });
    expect(c[0]!.amazonOrderId).not.toBe(a[0]!.amazonOrderId);
  });

  it('covers MFN and AFN, every v0 status over the lifecycle, multi-item orders, several marketplaces', () => {
    const orders = generateOrders({ ...base, seed: 'coverage', count: 2000 });
    expect(new Set(orders.map((o) => o.amazonOrderId)).size).toBe(2000);
    for (const o of orders) {
      expect(o.amazonOrderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
      expect(o.purchaseDate).toBeGreaterThanOrEqual(FROM);
      expect(o.purchaseDate).toBeLessThanOrEqual(TO);
      expect(o.timeline[0]!.at).toBe(o.purchaseDate);
      for (const i of o.items) expect(i.orderItemId).toMatch(/^\d{14}$/);
    }
    expect(new Set(orders.map((o) => o.fulfillmentChannel))).toEqual(new Set(['MFN', 'AFN']));
    expect(new Set(orders.map((o) => o.marketplaceId)).size).toBe(3);
    expect(orders.some((o) => o.items.length > 1)).toBe(true);
    const everSeen = new Set(orders.flatMap((o) => o.timeline.map((e) => e.status)));
    expect([...everSeen].sort()).toEqual([...V0_ORDER_STATUSES].sort());
    // Unfulfillable is an Amazon-fulfilled outcome only.
    expect(
      orders
        .filter((o) => o.timeline.some((e) => e.status === 'Unfulfillable'))
        .every((o) => o.fulfillmentChannel === 'AFN'),
    ).toBe(true);
  });

  it('lifecycle over time: invisible before purchase, Pending → Unshipped → Shipped, quantities follow shipments', () => {
    const orders = generateOrders({ ...base, seed: 'life', count: 300 });
    const shipped = orders.find(
      (o) => o.timeline.map((e) => e.status).join('>') === 'Pending>Unshipped>Shipped',
    )!;
    expect(statusAt(shipped, shipped.purchaseDate - 1)).toBeUndefined();
    expect(statusAt(shipped, shipped.purchaseDate)).toBe('Pending');
    expect(statusAt(shipped, shipped.timeline[1]!.at)).toBe('Unshipped');
    const at = shipped.timeline[2]!.at;
    expect([...shippedQuantities(shipped, at - 1).values()].every((q) => q === 0)).toBe(true);
    expect(statusAt(shipped, at)).toBe('Shipped');
    expect(lastUpdateAt(shipped, at)).toBe(at);
    for (const i of shipped.items)
      expect(shippedQuantities(shipped, at).get(i.orderItemId)).toBe(i.quantityOrdered);
    expect(orders.some((o) => o.timeline.at(-1)!.status === 'Canceled')).toBe(true);
  });

  it('PII values carry the canary marker', () => {
    const [o] = generateOrders({ ...base, seed: 1, count: 1, canary: 'ZZLEAK', startIndex: 7 });
    const marker = canaryMarker(o!, 'ZZLEAK');
    expect(marker).toBe('ZZLEAK7Z');
    expect(o!.buyer.BuyerName).toContain(marker);
    expect(o!.buyer.BuyerEmail).toContain(marker.toLowerCase());
    expect(o!.address.Name).toContain(marker);
    expect(o!.address.AddressLine1).toContain(marker);
  });
});

describe('createSimClock', () => {
  it('runs at a speed-up factor and jumps with advance()', () => {
    let real = 1_000;
    const clock = createSimClock({ start: 50_000, speed: 60, realNow: () => real });
    expect(clock.now()).toBe(50_000);
    real += 1_000;
    expect(clock.now()).toBe(110_000);
    clock.advance(5_000);
    expect(clock.now()).toBe(115_000);
    clock.setSpeed(0);
    real += 10_000;
    expect(clock.now()).toBe(115_000);
    expect(() => clock.advance(-1)).toThrow();
  });
});
