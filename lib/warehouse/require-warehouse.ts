import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';

/** Loads a warehouse of the organization or throws NOT_FOUND (another tenant's id included). */
export async function requireWarehouse(tx: TenantTx, organizationId: string, warehouseId: string) {
  const warehouse = await tx.warehouse.findFirst({
    where: { id: warehouseId, organizationId },
    select: { id: true, code: true, priority: true },
  });
  if (!warehouse) throw new AppError('NOT_FOUND', 'warehouse not found');
  return warehouse;
}
