// Loading the rows a stock operation names, always with the organization in the `where`:
// another tenant's id is NOT_FOUND, never a foreign-key error.
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';

export async function requireProduct(tx: TenantTx, organizationId: string, productId: string) {
  const product = await tx.product.findFirst({
    where: { id: productId, organizationId },
    select: { id: true, sku: true, lotTracked: true, expiryTracked: true, expiryExclusionDays: true },
  });
  if (!product) throw new AppError('NOT_FOUND', 'product not found');
  return product;
}

export type ProductRules = Awaited<ReturnType<typeof requireProduct>>;

export async function requireLocation(tx: TenantTx, organizationId: string, locationId: string) {
  const location = await tx.location.findFirst({
    where: { id: locationId, organizationId },
    select: { id: true, code: true, type: true, warehouseId: true },
  });
  if (!location) throw new AppError('NOT_FOUND', 'location not found');
  return location;
}

/** Midnight UTC of a `YYYY-MM-DD` date, the form Prisma writes to a `date` column. */
export const dateOnly = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
export const isoDate = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);
