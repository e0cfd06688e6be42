// The organization's API clients, newest first (never their secret hashes).
import { withTenant } from '../db/tenant.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';

export interface ApiClientListItem {
  id: string;
  name: string;
  clientId: string;
  permissions: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiClients(ctx: TenantContext): Promise<ApiClientListItem[]> {
  return withTenant(ctx.organizationId, (tx) =>
    tx.apiClient.findMany({
      where: { organizationId: ctx.organizationId },
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: {
        id: true,
        name: true,
        clientId: true,
        permissions: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
      },
    }),
  );
}
