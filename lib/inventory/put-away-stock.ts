// Put-away: received stock from the receiving bin into its storage location (PUTAWAY on the
// ledger); lib/inventory/suggest-putaway.ts proposes where.
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import type { TMoveStockInput } from './schemas.ts';
import { transferStock, type TransferResult } from './transfer-stock.ts';

export async function putAwayStock(ctx: TenantContext, input: TMoveStockInput): Promise<TransferResult> {
  assertPermission(ctx, 'inventory.update');
  return transferStock(ctx, 'PUTAWAY', input);
}
