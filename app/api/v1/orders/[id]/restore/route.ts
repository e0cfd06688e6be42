// POST /api/v1/orders/{id}/restore — brings back a soft-deleted order (bearer token,
// `orders.update`); 404 when there is no deleted order with this id (never deleted, or already
// hard-deleted).
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { restoreOrder } from '@/lib/privacy/purge-deleted-orders.ts';

export const dynamic = 'force-dynamic';

export const POST = withTenantRoute(
  async ({ ctx, params }) => {
    const orderId = String(params.id ?? '');
    await restoreOrder(ctx, { orderId });
    return { id: orderId, restored: true };
  },
  { permission: 'orders.update' },
);
