// GET /api/v1/organization — the organization the access token belongs to.
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';

export const GET = withTenantRoute(
  async ({ organization, ctx }) => ({
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    status: organization.status,
    permissions: [...ctx.permissions].sort(),
  }),
  { permission: 'organization.read' },
);
