// Returns list: newest first, keyset paging over (createdAt, id), optional status filter (index
// (organization_id, status, created_at)), with counts per status.
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListReturnsInput, type TListReturnsInput } from './schemas.ts';

export async function listReturns(ctx: TenantContext, input: TListReturnsInput) {
  assertPermission(ctx, 'orders.read');
  const parsed = ZListReturnsInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'invalid return filters');
  const { status, after, limit } = parsed.data;
  const organizationId = ctx.organizationId;
  const pos = decodeKeysetCursor(after);
  const where: Prisma.ReturnAuthorizationWhereInput = {
    organizationId,
    ...(status ? { status } : {}),
    ...(pos
      ? {
          createdAt: { lte: pos.createdAt },
          OR: [{ createdAt: { lt: pos.createdAt } }, { createdAt: pos.createdAt, id: { lt: pos.id } }],
        }
      : {}),
  };
  return withTenant(organizationId, async (tx) => {
    const found = await tx.returnAuthorization.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: {
        id: true,
        number: true,
        status: true,
        reason: true,
        quantityExpected: true,
        quantityReceived: true,
        expectedOn: true,
        createdAt: true,
        order: { select: { id: true, amazonOrderId: true } },
        product: { select: { sku: true, name: true } },
      },
    });
    const rows = found.slice(0, limit);
    const last = rows.at(-1);
    const grouped = await tx.returnAuthorization.groupBy({
      by: ['status'],
      where: { organizationId },
      _count: { _all: true },
    });
    return {
      returns: rows,
      nextCursor:
        found.length > limit && last ? encodeKeysetCursor({ createdAt: last.createdAt, id: last.id }) : null,
      counts: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])) as Record<string, number>,
    };
  });
}
