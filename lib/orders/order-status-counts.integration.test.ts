// order_status_counts stays exact — equal to a live count of the listed (not soft-deleted) orders
// per (status, channel, fulfilment, marketplace) — through every way orders change: inserts,
// status changes, channel/marketplace changes, soft delete and undelete, hard delete, and
// organization termination. And listOrders' counts are the kept ones.
import { describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { terminateOrganization } from '../privacy/terminate-organization.ts';
import { memberContext } from '../../tests/factories/inventory.ts';
import { createOrganization } from '../../tests/factories.ts';
import { listOrders } from './list-orders.ts';

type Row = { status: string; channel: string; fulfilment_channel: string; marketplace_id: string; n: number };

async function kept(organizationId: string): Promise<Row[]> {
  return systemDb().$queryRaw<Row[]>`
    SELECT status::text, channel::text, fulfilment_channel::text, marketplace_id, count AS n
      FROM order_status_counts WHERE organization_id = ${organizationId}::uuid
     ORDER BY 1, 2, 3, 4`;
}

async function live(organizationId: string): Promise<Row[]> {
  return systemDb().$queryRaw<Row[]>`
    SELECT status::text, channel::text, fulfilment_channel::text, coalesce(marketplace_id, '') AS marketplace_id,
           count(*)::int AS n
      FROM orders WHERE organization_id = ${organizationId}::uuid AND deleted_at IS NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
}

const STATUSES = ['PENDING', 'AWAITING_FULFILMENT', 'SHIPPED', 'CANCELLED'] as const;

function orders(organizationId: string, n: number, offset = 0) {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      id: crypto.randomUUID(),
      organizationId,
      channel: i % 5 === 0 ? ('MANUAL' as const) : ('AMAZON' as const),
      amazonOrderId: `C-${organizationId.slice(0, 8)}-${i}`,
      marketplaceId: i % 5 === 0 ? null : i % 2 ? 'ATVPDKIKX0DER' : 'A1F83G8C2ARO7P',
      status: STATUSES[i % STATUSES.length]!,
      channelStatus: 'x',
      fulfilmentChannel: i % 3 ? ('MERCHANT' as const) : ('MARKETPLACE' as const),
      purchasedAt: new Date(Date.UTC(2026, 9, 1) + i * 60_000),
      channelUpdatedAt: new Date(),
    };
  });
}

describe('order_status_counts', () => {
  it('stays equal to a live count through inserts, updates, soft and hard deletes', async () => {
    const org = await createOrganization();
    const other = await createOrganization();
    const ctx = await memberContext(org.id, 'OWNER');
    const db = systemDb();
    await db.order.createMany({ data: orders(other.id, 7) });
    const otherBefore = await kept(other.id);

    // Inserts: many rows in one statement, then single rows in the tenant transaction.
    await db.order.createMany({ data: orders(org.id, 60) });
    await withTenant(org.id, (tx) => tx.order.createMany({ data: orders(org.id, 3, 100) }));
    expect(await kept(org.id)).toEqual(await live(org.id));
    expect((await kept(org.id)).reduce((a, r) => a + r.n, 0)).toBe(63);

    // Status changes (a set of rows, and one row), and a change of marketplace / channel.
    await withTenant(org.id, (tx) =>
      tx.order.updateMany({
        where: { organizationId: org.id, status: 'PENDING' },
        data: { status: 'SHIPPED' },
      }),
    );
    const one = await db.order.findFirstOrThrow({ where: { organizationId: org.id, status: 'SHIPPED' } });
    await withTenant(org.id, (tx) =>
      tx.order.update({
        where: { id: one.id },
        data: { status: 'CANCELLED', marketplaceId: null, channel: 'MANUAL' },
      }),
    );
    // An update that changes nothing counted (and one touching no row) leaves the counts alone.
    await withTenant(org.id, (tx) =>
      tx.order.updateMany({ where: { organizationId: org.id }, data: { channelStatus: 'y' } }),
    );
    await withTenant(org.id, (tx) =>
      tx.order.updateMany({
        where: { organizationId: org.id, amazonOrderId: 'none' },
        data: { status: 'SHIPPED' },
      }),
    );
    expect(await kept(org.id)).toEqual(await live(org.id));
    expect((await kept(org.id)).some((r) => r.status === 'PENDING')).toBe(false);

    // Soft delete leaves the counts; a status change of a soft-deleted order does not count; undelete.
    const some = (
      await db.order.findMany({ where: { organizationId: org.id }, take: 10, orderBy: { id: 'asc' } })
    ).map((o) => o.id);
    await withTenant(org.id, (tx) =>
      tx.order.updateMany({ where: { id: { in: some } }, data: { deletedAt: new Date() } }),
    );
    expect(await kept(org.id)).toEqual(await live(org.id));
    await withTenant(org.id, (tx) =>
      tx.order.updateMany({ where: { id: { in: some } }, data: { status: 'UNFULFILLABLE' } }),
    );
    expect(await kept(org.id)).toEqual(await live(org.id));
    await withTenant(org.id, (tx) =>
      tx.order.updateMany({ where: { id: { in: some.slice(0, 4) } }, data: { deletedAt: null } }),
    );
    expect(await kept(org.id)).toEqual(await live(org.id));
    expect((await kept(org.id)).find((r) => r.status === 'UNFULFILLABLE')).toBeTruthy();

    // Hard delete (the 90-day purge path deletes soft-deleted rows; here live rows too).
    await withTenant(org.id, (tx) => tx.order.deleteMany({ where: { id: { in: some } } }));
    await withTenant(org.id, (tx) =>
      tx.order.deleteMany({ where: { organizationId: org.id, status: 'CANCELLED' } }),
    );
    expect(await kept(org.id)).toEqual(await live(org.id));

    // The list reads them, with its channel / fulfilment / marketplace filters.
    const liveRows = await live(org.id);
    const sum = (pred: (r: Row) => boolean) => {
      const out: Record<string, number> = {};
      for (const r of liveRows.filter(pred)) out[r.status] = (out[r.status] ?? 0) + r.n;
      return out;
    };
    expect((await listOrders(ctx, {})).counts).toEqual(sum(() => true));
    expect((await listOrders(ctx, { channel: 'AMAZON', fulfilment: 'MERCHANT' })).counts).toEqual(
      sum((r) => r.channel === 'AMAZON' && r.fulfilment_channel === 'MERCHANT'),
    );
    expect((await listOrders(ctx, { marketplace: 'ATVPDKIKX0DER' })).counts).toEqual(
      sum((r) => r.marketplace_id === 'ATVPDKIKX0DER'),
    );
    // With a date range the counts are live over the matching orders.
    const ranged = await listOrders(ctx, { from: '2026-10-01', to: '2026-10-01' });
    const rangedTotal = Object.values(ranged.counts).reduce((a, b) => a + b, 0);
    expect(rangedTotal).toBe(liveRows.reduce((a, r) => a + r.n, 0));

    // The other tenant was never touched, and cannot see these rows.
    expect(await kept(other.id)).toEqual(otherBefore);
    const seen = await withTenant(other.id, (tx) => tx.orderStatusCount.findMany());
    expect(seen.every((r) => r.organizationId === other.id)).toBe(true);
    expect(seen.reduce((a, r) => a + r.count, 0)).toBe(7);
  });

  it('goes to nothing when the organization is terminated or deleted', async () => {
    const org = await createOrganization();
    await systemDb().order.createMany({ data: orders(org.id, 20) });
    expect((await kept(org.id)).length).toBeGreaterThan(0);
    await terminateOrganization(org.id, { type: 'SYSTEM', id: null });
    expect(await kept(org.id)).toEqual([]);
    expect(await live(org.id)).toEqual([]);

    const gone = await createOrganization();
    await systemDb().order.createMany({ data: orders(gone.id, 5) });
    await systemDb().organization.delete({ where: { id: gone.id } });
    expect(await kept(gone.id)).toEqual([]);
  });
});
