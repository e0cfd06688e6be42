// Expected deliveries, open ones first (oldest expected first), then the recently closed: the
// goods-in desk's list. Totals are summed over the lines.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListInboundDeliveriesInput, type TListInboundDeliveriesInput } from './schemas.ts';

export async function listInboundDeliveries(ctx: TenantContext, input: TListInboundDeliveriesInput = {}) {
  assertPermission(ctx, 'inventory.read');
  const { status, limit } = ZListInboundDeliveriesInput.parse(input);
  const organizationId = ctx.organizationId;
  const rows = await withTenant(organizationId, (tx) =>
    tx.inboundDelivery.findMany({
      where: { organizationId, ...(status ? { status } : {}) },
      select: {
        id: true,
        reference: true,
        supplier: true,
        status: true,
        expectedAt: true,
        closedAt: true,
        createdAt: true,
        warehouse: { select: { code: true } },
        lines: { select: { expectedQuantity: true, receivedQuantity: true, damagedQuantity: true } },
        _count: { select: { discrepancies: true } },
      },
      orderBy: [
        { status: 'asc' },
        { expectedAt: { sort: 'asc', nulls: 'last' } },
        { closedAt: { sort: 'desc', nulls: 'first' } },
        { id: 'desc' },
      ],
      take: limit,
    }),
  );
  return rows.map(({ lines, warehouse, _count, ...d }) => ({
    ...d,
    warehouseCode: warehouse.code,
    lines: lines.length,
    expected: lines.reduce((n, l) => n + l.expectedQuantity, 0),
    received: lines.reduce((n, l) => n + l.receivedQuantity, 0),
    damaged: lines.reduce((n, l) => n + l.damagedQuantity, 0),
    discrepancies: _count.discrepancies,
  }));
}
