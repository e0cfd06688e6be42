// GET /<org>/orders/export — the orders screen's "Export CSV": the signed-in member's session,
// `orders.read`, the screen's current filters as query parameters. Same streamed, PII-free CSV as
// GET /api/v1/orders/export (lib/orders/export-orders.ts).
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { exportOrdersCsv, ordersCsvResponse } from '@/lib/orders/export-orders.ts';
import { ZListOrdersFilters } from '@/lib/orders/schemas.ts';

export const dynamic = 'force-dynamic';

export const GET = withTenantRoute(
  async ({ ctx, query }) => ordersCsvResponse(await exportOrdersCsv(ctx, query)),
  { permission: 'orders.read', query: ZListOrdersFilters },
);
