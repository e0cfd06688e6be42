// Soft-deleted orders are gone for the merchant at once: not listed, not counted, not found.
import { describe, expect, it } from 'vitest';
import { createOrdersWithPii } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/factories/inventory.ts';
import { createOrganization } from '../../tests/factories.ts';
import { getOrderOrThrow } from './get-order.ts';
import { listOrders } from './list-orders.ts';

describe('soft-deleted orders', () => {
  it('are left out of the list, its counts and the detail', async () => {
    const org = await createOrganization();
    const ctx = await memberContext(org.id, 'OWNER');
    const [kept, deleted] = await createOrdersWithPii(ctx, [{}, { deletedAt: new Date() }]);
    const page = await listOrders(ctx, { limit: 50 });
    expect(page.orders.map((o) => o.id)).toEqual([kept!.id]);
    expect(Object.values(page.counts).reduce((a, b) => a + b, 0)).toBe(1);
    await expect(getOrderOrThrow(ctx, deleted!.id)).rejects.toThrow(/not found/);
    expect(await getOrderOrThrow(ctx, kept!.id)).toBeTruthy();
  });
});
