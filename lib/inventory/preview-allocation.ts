// What an order line of `quantity` would take right now (read-only: nothing is reserved). The
// reservation use case (lib/inventory/reserve-stock.ts, with order lines) will lock the same
// candidates, run the same selection and reserve the picks.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { loadAllocationCandidates } from './load-allocation-candidates.ts';
import { requireProduct } from './load.ts';
import { ZPreviewAllocationInput, type TPreviewAllocationInput } from './schemas.ts';
import { selectAllocation, type AllocationResult } from './select-allocation.ts';

export async function previewAllocation(
  ctx: TenantContext,
  input: TPreviewAllocationInput,
  now: Date = new Date(),
): Promise<AllocationResult> {
  assertPermission(ctx, 'inventory.read');
  const { productId, quantity } = ZPreviewAllocationInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const product = await requireProduct(tx, organizationId, productId);
    const candidates = await loadAllocationCandidates(tx, organizationId, productId);
    return selectAllocation({ quantity, product, candidates, today: now });
  });
}
