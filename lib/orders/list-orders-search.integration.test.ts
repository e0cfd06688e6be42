// The orders list's search: an Amazon order id prefix or an exact SKU, each found on its own
// index, listed and counted together; LIKE wildcards in the search are literal.
import { describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { memberContext } from '../../tests/factories/inventory.ts';
import { createOrganization } from '../../tests/factories.ts';
import { listOrders } from './list-orders.ts';

describe('orders list search', () => {
  it('finds by order id prefix or SKU, with counts, and treats % and _ literally', async () => {
    const org = await createOrganization();
    const ctx = await memberContext(org.id, 'VIEWER');
    const db = systemDb();
    const mk = (amazonOrderId: string, status: 'SHIPPED' | 'PENDING', minute: number) => ({
      id: crypto.randomUUID(),
      organizationId: org.id,
      channel: 'AMAZON' as const,
      amazonOrderId,
      status,
      channelStatus: 'x',
      fulfilmentChannel: 'MERCHANT' as const,
      purchasedAt: new Date(Date.UTC(2026, 9, 1, 0, minute)),
      channelUpdatedAt: new Date(),
    });
    const orders = [
      mk('111-0000001-0000001', 'SHIPPED', 1),
      mk('111-0000002-0000002', 'PENDING', 2),
      mk('222-0000003-0000003', 'SHIPPED', 3),
      mk('2_2-0000004-0000004', 'SHIPPED', 4),
    ];
    await db.order.createMany({ data: orders });
    await db.orderLine.createMany({
      data: orders.map((o, i) => ({
        organizationId: org.id,
        orderId: o.id,
        channelLineId: '1',
        sku: i === 2 ? 'SKU-111' : 'SKU-OTHER',
        quantityOrdered: 1,
      })),
    });
    const ids = (p: Awaited<ReturnType<typeof listOrders>>) => p.orders.map((o) => o.amazonOrderId);

    const byPrefix = await listOrders(ctx, { q: '111-' });
    expect(ids(byPrefix)).toEqual(['111-0000002-0000002', '111-0000001-0000001']);
    expect(byPrefix.counts).toEqual({ SHIPPED: 1, PENDING: 1 });
    expect(byPrefix.searchTruncated).toBe(false);

    const bySku = await listOrders(ctx, { q: 'SKU-111' });
    expect(ids(bySku)).toEqual(['222-0000003-0000003']);

    // With the status filter the page narrows; counts keep every status of the search.
    const shipped = await listOrders(ctx, { q: '111', status: 'SHIPPED' });
    expect(ids(shipped)).toEqual(['111-0000001-0000001']);
    expect(shipped.counts).toEqual({ SHIPPED: 1, PENDING: 1 });

    expect(ids(await listOrders(ctx, { q: '2_2' }))).toEqual(['2_2-0000004-0000004']);
    expect(ids(await listOrders(ctx, { q: '%' }))).toEqual([]);
    expect((await listOrders(ctx, { q: 'nothing' })).counts).toEqual({});
  });
});
