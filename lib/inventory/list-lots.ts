// A product's lots with expiry and on-hand, earliest expiry first (then first received): the
// view a FEFO warehouse works from.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { isoDate, requireProduct } from './load.ts';
import { ZListLotsInput, type TListLotsInput } from './schemas.ts';

export interface LotView {
  lotId: string;
  lotNumber: string;
  expiresOn: string | null;
  receivedAt: Date;
  onHand: number;
}

export async function listLots(ctx: TenantContext, input: TListLotsInput): Promise<LotView[]> {
  assertPermission(ctx, 'inventory.read');
  const { productId, includeEmpty } = ZListLotsInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    await requireProduct(tx, organizationId, productId);
    const lots = await tx.lot.findMany({
      where: { organizationId, productId },
      select: {
        id: true,
        lotNumber: true,
        expiresOn: true,
        createdAt: true,
        stockLevels: { where: { quantity: { gt: 0 } }, select: { quantity: true } },
      },
      orderBy: [{ expiresOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return lots
      .map((l) => ({
        lotId: l.id,
        lotNumber: l.lotNumber,
        expiresOn: isoDate(l.expiresOn),
        receivedAt: l.createdAt,
        onHand: l.stockLevels.reduce((n, s) => n + s.quantity, 0),
      }))
      .filter((l) => includeEmpty || l.onHand > 0);
  });
}
