// Receiving, transfers and count tasks by scanned codes (SKU or GTIN, bin code as printed, lot
// number): the codes are resolved to ids — an unknown one is NOT_FOUND with a message that names
// it, a bin code that exists in several warehouses CONFLICT — and the one use case runs.
import { findProductByCode } from '../catalogue/find-product-by-code.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { findLocationByCode } from '../warehouse/find-location-by-code.ts';
import { createCountTask } from './create-count-task.ts';
import { moveStock } from './move-stock.ts';
import { receiveStock } from './receive-stock.ts';
import {
  ZScanCountTaskInput,
  ZScanReceiveInput,
  ZScanTransferInput,
  type TScanCountTaskInput,
  type TScanReceiveInput,
  type TScanTransferInput,
} from './schemas.ts';

async function productOf(ctx: TenantContext, sku: string) {
  const product = await findProductByCode(ctx, { code: sku });
  if (!product) throw new AppError('NOT_FOUND', `no product with SKU or barcode ${sku}`);
  return product;
}

async function binOf(ctx: TenantContext, code: string, warehouseId?: string) {
  const location = await findLocationByCode(ctx, { code, warehouseId });
  if (!location) throw new AppError('NOT_FOUND', `no bin ${code}`);
  return location;
}

export async function receiveByScan(ctx: TenantContext, input: TScanReceiveInput) {
  const data = ZScanReceiveInput.parse(input);
  const bin = await binOf(ctx, data.binCode, data.warehouseId);
  const product = await productOf(ctx, data.sku);
  await receiveStock(ctx, {
    locationId: bin.id,
    reference: data.reference,
    lines: [
      {
        productId: product.id,
        quantity: data.quantity,
        lotNumber: data.lotNumber,
        expiresOn: data.expiresOn,
      },
    ],
  });
  return { sku: product.sku, binCode: bin.code, quantity: data.quantity };
}

export async function transferByScan(ctx: TenantContext, input: TScanTransferInput) {
  const data = ZScanTransferInput.parse(input);
  const from = await binOf(ctx, data.fromBinCode, data.warehouseId);
  const to = await binOf(ctx, data.toBinCode, data.warehouseId);
  const product = await productOf(ctx, data.sku);
  await moveStock(ctx, {
    fromLocationId: from.id,
    toLocationId: to.id,
    productId: product.id,
    lotNumber: data.lotNumber,
    quantity: data.quantity,
    reference: data.reference,
  });
  return { sku: product.sku, from: from.code, to: to.code, quantity: data.quantity };
}

export async function createCountTaskByScan(ctx: TenantContext, input: TScanCountTaskInput) {
  const data = ZScanCountTaskInput.parse(input);
  const bin = await binOf(ctx, data.binCode, data.warehouseId);
  return createCountTask(ctx, { warehouseId: bin.warehouseId, locationId: bin.id, blind: data.blind });
}
