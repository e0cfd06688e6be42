// GET /api/v1/compliance/evidence — the organization's compliance evidence (privacy engine §9) as
// JSON, for API clients (bearer token; the Privacy screen downloads the same document). Live
// state, counts and dates only: no buyer PII.
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { getComplianceEvidence } from '@/lib/privacy/compliance-evidence.ts';

export const dynamic = 'force-dynamic';

export const GET = withTenantRoute(
  async ({ ctx }) =>
    Response.json(await getComplianceEvidence(ctx, new Date()), {
      headers: { 'cache-control': 'no-store' },
    }),
  { permission: 'privacy.manage' },
);
