import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { gtinVariants } from './gtin.ts';

/** The same GTIN written with more or fewer leading zeros is the same barcode: refuse a second one. */
export async function assertBarcodeFree(
  tx: TenantTx,
  organizationId: string,
  barcode: string,
  exceptProductId?: string,
): Promise<void> {
  const taken = await tx.product.findFirst({
    where: {
      organizationId,
      barcode: { in: gtinVariants(barcode) },
      ...(exceptProductId ? { id: { not: exceptProductId } } : {}),
    },
    select: { id: true },
  });
  if (taken) throw new AppError('CONFLICT', 'a product with that barcode exists');
}
