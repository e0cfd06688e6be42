// Pick lists of the organization, newest first, with progress (units picked or short of all).
import type { PickListKind, PickListStatus } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { formatPickListNumber } from './pick-list-number.ts';

export interface PickListSummary {
  id: string;
  number: string;
  kind: PickListKind;
  status: PickListStatus;
  warehouseCode: string;
  waveCutoff: Date | null;
  createdAt: Date;
  orders: number;
  units: number;
  done: number;
}

export async function listPickLists(
  ctx: TenantContext,
  input: { limit?: number } = {},
): Promise<PickListSummary[]> {
  assertPermission(ctx, 'fulfilment.pick');
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 200);
  const organizationId = ctx.organizationId;
  const rows = await withTenant(
    organizationId,
    (tx) =>
      tx.$queryRaw<
        {
          id: string;
          number: number;
          kind: PickListKind;
          status: PickListStatus;
          warehouse_code: string;
          wave_cutoff: Date | null;
          created_at: Date;
          orders: number;
          units: number;
          done: number;
        }[]
      >`
      SELECT p.id, p.number, p.kind, p.status, w.code AS warehouse_code, p.wave_cutoff, p.created_at,
             (SELECT count(*) FROM pick_list_orders o
               WHERE o.organization_id = p.organization_id AND o.pick_list_id = p.id)::int AS orders,
             coalesce(l.units, 0)::int AS units, coalesce(l.done, 0)::int AS done
        FROM pick_lists p
        JOIN warehouses w ON w.organization_id = p.organization_id AND w.id = p.warehouse_id
        LEFT JOIN LATERAL (
          SELECT sum(quantity) AS units, sum(quantity_picked + quantity_short) AS done FROM pick_list_lines pl
           WHERE pl.organization_id = p.organization_id AND pl.pick_list_id = p.id
        ) l ON true
       WHERE p.organization_id = ${organizationId}::uuid
       ORDER BY p.created_at DESC, p.id DESC
       LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    number: formatPickListNumber(r.number),
    kind: r.kind,
    status: r.status,
    warehouseCode: r.warehouse_code,
    waveCutoff: r.wave_cutoff,
    createdAt: r.created_at,
    orders: r.orders,
    units: r.units,
    done: r.done,
  }));
}
