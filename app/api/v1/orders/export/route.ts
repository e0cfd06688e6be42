// GET /api/v1/orders/export — the organization's orders as CSV for API clients (bearer token,
// `orders.read`), with the orders screen's filters as query parameters (status, channel,
// fulfilment, marketplace, from, to, shipByFrom, shipBy, ids, q). Streamed; no buyer PII (lib/orders/export-orders.ts).
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { exportOrdersCsv, ordersCsvResponse } from '@/lib/orders/export-orders.ts';
import { ZListOrdersFilters } from '@/lib/orders/schemas.ts';

export const dynamic = 'force-dynamic';

export const GET = withTenantRoute(
  async ({ ctx, query }) => ordersCsvResponse(await exportOrdersCsv(ctx, query)),
  { permission: 'orders.read', query: ZListOrdersFilters },
);
