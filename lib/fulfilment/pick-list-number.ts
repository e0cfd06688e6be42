// Pick lists are numbered per organization (PL-000123): short enough to read out on the floor
// and to print as a Code 128 barcode. The number is taken under a per-organization advisory lock
// held to the end of the creating transaction, so concurrent creations never collide.
import type { TenantTx } from '../db/tenant.ts';

export const formatPickListNumber = (n: number): string => `PL-${String(n).padStart(6, '0')}`;

export async function nextPickListNumber(tx: TenantTx, organizationId: string): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pick-list-number:${organizationId}`}, 0))`;
  const rows = await tx.$queryRaw<{ last: number | null }[]>`
    SELECT max(number)::int AS last FROM pick_lists WHERE organization_id = ${organizationId}::uuid`;
  return (rows[0]?.last ?? 0) + 1;
}
