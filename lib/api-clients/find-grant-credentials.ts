// Token-endpoint lookups (POST /api/v1/auth/token): a client by its public client_id, a refresh
// token by its hash. The organization is what these lookups find out, so they are a reviewed
// cross-tenant read through the system client (lib/db/system.ts); all writes happen afterwards
// inside the organization's tenant transaction (issue-api-tokens.ts).
import { systemDb } from '../db/system.ts';

export async function findApiClientByClientId(clientId: string) {
  return systemDb().apiClient.findUnique({
    where: { clientId },
    select: {
      id: true,
      organizationId: true,
      secretHash: true,
      permissions: true,
      revokedAt: true,
      organization: { select: { status: true } },
    },
  });
}

export async function findRefreshTokenByHash(tokenHash: string) {
  return systemDb().apiRefreshToken.findUnique({
    where: { tokenHash },
    select: { id: true, organizationId: true, apiClientId: true, familyId: true },
  });
}
