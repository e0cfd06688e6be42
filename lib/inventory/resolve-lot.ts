// Lot rules, in one place: a lot-tracked product's stock always names a lot, an expiry-tracked
// product's lot has an expiry date, and other products never carry lots.
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { dateOnly, isoDate, type ProductRules } from './load.ts';

interface LotRef {
  lotId?: string | undefined;
  lotNumber?: string | undefined;
}

/** An existing lot of the product (for stock leaving or moving), or null for a product without lots. */
export async function findExistingLot(
  tx: TenantTx,
  organizationId: string,
  product: ProductRules,
  ref: LotRef,
): Promise<string | null> {
  if (!product.lotTracked) {
    if (ref.lotId || ref.lotNumber)
      throw new AppError('BAD_REQUEST', `product ${product.sku} is not lot-tracked`);
    return null;
  }
  if (!ref.lotId && !ref.lotNumber) throw new AppError('BAD_REQUEST', `product ${product.sku} needs a lot`);
  const lot = await tx.lot.findFirst({
    where: {
      organizationId,
      productId: product.id,
      ...(ref.lotId ? { id: ref.lotId } : {}),
      ...(ref.lotNumber ? { lotNumber: ref.lotNumber } : {}),
    },
    select: { id: true },
  });
  if (!lot) throw new AppError('NOT_FOUND', 'lot not found');
  return lot.id;
}

/**
 * The lot stock arrives in (receiving, a found count, a positive adjustment): created on first
 * sight. An expiry-tracked product needs an expiry for a new lot; a known lot keeps its expiry.
 */
export async function findOrCreateLot(
  tx: TenantTx,
  organizationId: string,
  product: ProductRules,
  ref: LotRef & { expiresOn?: string | undefined },
): Promise<string | null> {
  if (!product.lotTracked) {
    if (ref.lotId || ref.lotNumber || ref.expiresOn)
      throw new AppError('BAD_REQUEST', `product ${product.sku} is not lot-tracked`);
    return null;
  }
  if (ref.lotId) return findExistingLot(tx, organizationId, product, { lotId: ref.lotId });
  if (!ref.lotNumber) throw new AppError('BAD_REQUEST', `product ${product.sku} needs a lot number`);
  const existing = await tx.lot.findFirst({
    where: { organizationId, productId: product.id, lotNumber: ref.lotNumber },
    select: { id: true, expiresOn: true },
  });
  if (existing) {
    if (ref.expiresOn && isoDate(existing.expiresOn) !== ref.expiresOn) {
      throw new AppError('CONFLICT', `lot ${ref.lotNumber} is recorded with another expiry date`);
    }
    return existing.id;
  }
  if (product.expiryTracked && !ref.expiresOn) {
    throw new AppError('BAD_REQUEST', `product ${product.sku} needs an expiry date for a new lot`);
  }
  const lot = await tx.lot.upsert({
    where: {
      organizationId_productId_lotNumber: { organizationId, productId: product.id, lotNumber: ref.lotNumber },
    },
    create: {
      organizationId,
      productId: product.id,
      lotNumber: ref.lotNumber,
      expiresOn: ref.expiresOn ? dateOnly(ref.expiresOn) : null,
    },
    update: {},
    select: { id: true },
  });
  return lot.id;
}
