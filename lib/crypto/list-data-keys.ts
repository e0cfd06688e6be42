// The organization's data keys for the security screen: purpose, version, status and dates —
// never key material, wrapped or not.
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

export interface DataKeyView {
  purpose: string;
  version: number;
  status: string;
  kmsKeyId: string;
  createdAt: Date;
  supersededAt: Date | null;
  retiredAt: Date | null;
}

export async function listDataKeys(ctx: TenantContext): Promise<DataKeyView[]> {
  assertPermission(ctx, 'security.read');
  const rows = await withTenant(ctx.organizationId, (tx) =>
    tx.dataKey.findMany({
      where: { organizationId: ctx.organizationId, purpose: { in: ['BUYER_PII', 'CREDENTIALS'] } },
      orderBy: [{ purpose: 'asc' }, { version: 'desc' }],
      select: {
        purpose: true,
        version: true,
        status: true,
        kmsKeyId: true,
        createdAt: true,
        supersededAt: true,
        retiredAt: true,
      },
    }),
  );
  return rows.map((r) => ({ ...r, purpose: PURPOSE_NAMES[r.purpose] }));
}

const PURPOSE_NAMES = {
  BUYER_PII: 'buyer-pii',
  CREDENTIALS: 'credentials',
  BLIND_INDEX: 'blind-index',
} as const;
