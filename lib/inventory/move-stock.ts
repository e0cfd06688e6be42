// Location→location and warehouse→warehouse moves (MOVE on the ledger), including into and out
// of quarantine. Reserved units cannot be moved away.
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import type { TMoveStockInput } from './schemas.ts';
import { transferStock, type TransferResult } from './transfer-stock.ts';

export async function moveStock(ctx: TenantContext, input: TMoveStockInput): Promise<TransferResult> {
  assertPermission(ctx, 'inventory.update');
  return transferStock(ctx, 'MOVE', input);
}
