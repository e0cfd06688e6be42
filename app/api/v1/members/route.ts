// GET /api/v1/members — the organization's members, for API clients holding `members.read`
// (the organization is the access token's `org`). Keyset-paged like the members screen.
import { z } from 'zod';
import { withTenantRoute } from '@/lib/auth/with-tenant-route.ts';
import { listMembers } from '@/lib/members/list-members.ts';

const ZQuery = z.strictObject({
  after: z.string().max(200).optional(),
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const GET = withTenantRoute(
  async ({ ctx, query }) => {
    const page = await listMembers({ organizationId: ctx.organizationId, ...query });
    return {
      data: page.members.map((m) => ({
        membershipId: m.membershipId,
        userId: m.userId,
        name: m.name,
        email: m.email,
        role: m.role,
        disabled: m.disabled,
        joinedAt: m.joinedAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
    };
  },
  { permission: 'members.read', query: ZQuery },
);
