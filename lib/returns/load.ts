// Loading what a returns operation names, always with the organization in the `where` (another
// tenant's id is NOT_FOUND), and the RMA locked so concurrent receipts queue up and each sees the
// quantities the previous one left.
import type { LocationType } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';

export async function lockReturn(tx: TenantTx, organizationId: string, returnId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM return_authorizations
     WHERE organization_id = ${organizationId}::uuid AND id = ${returnId}::uuid
     FOR UPDATE`;
  if (locked.length === 0) throw new AppError('NOT_FOUND', 'return not found');
  return tx.returnAuthorization.findFirstOrThrow({ where: { organizationId, id: returnId } });
}

export function assertOpen(rma: { status: string; number: string }): void {
  if (rma.status === 'CLOSED') throw new AppError('CONFLICT', `return ${rma.number} is closed`);
}

/** A bin by its printed code (any case), which must be of one of the given types. */
export async function binByCode(
  tx: TenantTx,
  organizationId: string,
  code: string,
  allowed: readonly LocationType[],
  why: string,
) {
  const matches = await tx.location.findMany({
    where: { organizationId, code: code.trim().toUpperCase() },
    select: { id: true, code: true, type: true, warehouseId: true },
    take: 2,
  });
  if (matches.length === 0) throw new AppError('NOT_FOUND', `no bin ${code}`);
  if (matches.length > 1) throw new AppError('CONFLICT', `bin ${code} exists in several warehouses`);
  const bin = matches[0]!;
  if (!allowed.includes(bin.type)) {
    throw new AppError('BAD_REQUEST', `bin ${bin.code} is a ${bin.type} location: ${why}`);
  }
  return bin;
}

/** Bins stock can be picked from again. */
export const SELLABLE: readonly LocationType[] = ['PICK_FACE', 'BULK'];
