// The one hook for "the available quantity of these products may have changed" (after the
// change committed): queues the debounced stock push of their mapped channel listings
// (lib/channels/amazon/stock-push.ts). Never throws: the stock change stands either way.
import { requestStockPush } from '../channels/amazon/request-stock-push.ts';
import { getLogger } from '../logger.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

export async function onAvailabilityChanged(
  ctx: TenantContext,
  productIds: readonly string[],
): Promise<void> {
  for (const productId of new Set(productIds)) {
    try {
      await requestStockPush(ctx, productId, { logger: getLogger() });
    } catch (err) {
      getLogger().warn({ err, productId }, 'stock push request failed');
    }
  }
}

/**
 * For a use case's committed result: `return runInventoryTx(…).then(afterAvailabilityChange(ctx, ids))`
 * calls onAvailabilityChanged once the transaction committed and passes the result through.
 */
export function afterAvailabilityChange<T>(
  ctx: TenantContext,
  productIds: readonly string[] | ((result: T) => readonly string[]),
): (result: T) => Promise<T> {
  return async (result) => {
    await onAvailabilityChanged(ctx, typeof productIds === 'function' ? productIds(result) : productIds);
    return result;
  };
}
