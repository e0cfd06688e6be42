// A count task as its reader may see it. In a blind count, the expected quantity (and so the
// variance, which would reveal it) is shown only to holders of inventory.approve — never to the
// counter. A non-blind count shows the current on-hand until the count is submitted.
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { isoDate } from './load.ts';
import { ZCountTaskIdInput, type TCountTaskIdInput } from './schemas.ts';

export interface CountTaskLineView {
  lineId: string;
  locationId: string;
  locationCode: string;
  productId: string;
  sku: string;
  lotId: string | null;
  lotNumber: string | null;
  expiresOn: string | null;
  countedQuantity: number | null;
  /** Absent for the counter of a blind count. */
  expectedQuantity?: number | null;
  variance?: number | null;
}

export async function getCountTaskOrThrow(ctx: TenantContext, input: TCountTaskIdInput) {
  assertPermission(ctx, 'inventory.read');
  const { countTaskId } = ZCountTaskIdInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const task = await tx.countTask.findFirst({
      where: { id: countTaskId, organizationId },
      select: {
        id: true,
        warehouseId: true,
        locationId: true,
        productId: true,
        blind: true,
        status: true,
        countedById: true,
        countedAt: true,
        reviewedById: true,
        reviewedAt: true,
        lines: {
          select: {
            id: true,
            locationId: true,
            productId: true,
            lotId: true,
            expectedQuantity: true,
            countedQuantity: true,
            location: { select: { code: true } },
            product: { select: { sku: true } },
            lot: { select: { lotNumber: true, expiresOn: true } },
          },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        },
      },
    });
    if (!task) throw new AppError('NOT_FOUND', 'count task not found');
    const showExpected = !task.blind || ctx.permissions.has('inventory.approve');
    const current =
      showExpected && task.status === 'OPEN'
        ? await tx.stockLevel.findMany({
            where: {
              organizationId,
              OR: task.lines.map((l) => ({
                locationId: l.locationId,
                productId: l.productId,
                lotId: l.lotId,
              })),
            },
            select: { locationId: true, productId: true, lotId: true, quantity: true },
          })
        : [];
    const onHand = (l: { locationId: string; productId: string; lotId: string | null }) =>
      current.find((c) => c.locationId === l.locationId && c.productId === l.productId && c.lotId === l.lotId)
        ?.quantity ?? 0;
    const lines: CountTaskLineView[] = task.lines.map((l) => {
      const base = {
        lineId: l.id,
        locationId: l.locationId,
        locationCode: l.location.code,
        productId: l.productId,
        sku: l.product.sku,
        lotId: l.lotId,
        lotNumber: l.lot?.lotNumber ?? null,
        expiresOn: isoDate(l.lot?.expiresOn ?? null),
        countedQuantity: l.countedQuantity,
      };
      if (!showExpected) return base;
      const expected = task.status === 'OPEN' ? onHand(l) : l.expectedQuantity;
      const variance = l.countedQuantity !== null && expected !== null ? l.countedQuantity - expected : null;
      return { ...base, expectedQuantity: expected, variance };
    });
    const { lines: _lines, ...rest } = task;
    return { ...rest, lines };
  });
}
