// DELETE /api/v1/orders/{id} — soft-deletes an order for API clients (bearer token, `orders.update`):
// hidden at once, restorable (POST /api/v1/orders/{id}/restore) until it is hard-deleted 90 days
// later (lib/privacy/purge-deleted-orders.ts). 404 for an unknown or already deleted order, 409
// while it is on an open pick list or has a parcel not yet dispatched.
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { softDeleteOrder } from '@/lib/privacy/purge-deleted-orders.ts';

export const dynamic = 'force-dynamic';

export const DELETE = withTenantRoute(
  async ({ ctx, params }) => {
    const orderId = String(params.id ?? '');
    const { deletedAt, hardDeleteAfter } = await softDeleteOrder(ctx, { orderId }, new Date());
    return {
      id: orderId,
      deletedAt: deletedAt.toISOString(),
      hardDeleteAfter: hardDeleteAfter.toISOString(),
    };
  },
  { permission: 'orders.update' },
);
