// Looks an invitation up by its token's hash. The organization is not known until this returns,
// so it is a reviewed cross-tenant read through the system client (lib/db/system.ts), selecting
// only what acceptance and the preview need.
import { systemDb } from '../db/system.ts';
import { hashOpaqueToken } from '../security/opaque-token.ts';

export async function findInvitationByToken(token: string) {
  return systemDb().invitation.findUnique({
    where: { tokenHash: hashOpaqueToken(token) },
    select: {
      id: true,
      organizationId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { slug: true, name: true, status: true } },
    },
  });
}
