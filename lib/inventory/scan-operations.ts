// Receiving (blind or against an expected delivery), expected deliveries, put-away, transfers,
// quarantine and release, adjustments, scrap and count tasks by scanned codes (SKU or GTIN, bin
// code as printed, lot number): the codes are resolved to ids — an unknown one is NOT_FOUND with a message that names
// it, a bin code that exists in several warehouses CONFLICT — and the one use case runs.
import { findProductByCode } from '../catalogue/find-product-by-code.ts';
import { AppError } from '../errors/app-error.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { findLocationByCode } from '../warehouse/find-location-by-code.ts';
import { adjustStock } from './adjust-stock.ts';
import { createCountTask } from './create-count-task.ts';
import { createInboundDelivery } from './create-inbound-delivery.ts';
import { moveStock } from './move-stock.ts';
import { putAwayStock } from './put-away-stock.ts';
import { receiveStock } from './receive-stock.ts';
import {
  ZScanAdjustInput,
  ZScanCountTaskInput,
  ZScanInboundDeliveryInput,
  ZScanReceiveInput,
  ZScanScrapInput,
  ZScanTransferInput,
  type TScanAdjustInput,
  type TScanCountTaskInput,
  type TScanInboundDeliveryInput,
  type TScanReceiveInput,
  type TScanScrapInput,
  type TScanTransferInput,
} from './schemas.ts';
import { scrapStock } from './scrap-stock.ts';

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
  const result = await receiveStock(ctx, {
    locationId: bin.id,
    deliveryId: data.deliveryId,
    reference: data.reference,
    lines: [
      {
        productId: product.id,
        quantity: data.quantity,
        damagedQuantity: data.damagedQuantity,
        lotNumber: data.lotNumber,
        expiresOn: data.expiresOn,
        note: data.note,
      },
    ],
  });
  return {
    sku: product.sku,
    binCode: bin.code,
    quantity: data.quantity,
    discrepancies: result.discrepancies.map((d) => ({ kind: d.kind, quantity: d.quantity })),
  };
}

export async function createInboundDeliveryByScan(ctx: TenantContext, input: TScanInboundDeliveryInput) {
  const { lines, ...data } = ZScanInboundDeliveryInput.parse(input);
  const resolved = [];
  for (const line of lines) {
    const product = await productOf(ctx, line.sku);
    resolved.push({ productId: product.id, expectedQuantity: line.expectedQuantity });
  }
  if (new Set(resolved.map((l) => l.productId)).size !== resolved.length)
    throw new AppError('BAD_REQUEST', 'a product is listed twice: one line per product');
  return createInboundDelivery(ctx, { ...data, lines: resolved });
}

/**
 * Bin-to-bin moves: a transfer (MOVE), a put-away from receiving (PUTAWAY), quarantine (MOVE into
 * a QUARANTINE bin) and release (MOVE out of one into a bin that is not). Quarantine is a bin
 * type: stock in a QUARANTINE bin is on hand and never available (lib/inventory/availability.ts).
 */
export type ScanMoveKind = 'TRANSFER' | 'PUTAWAY' | 'QUARANTINE' | 'RELEASE';

export async function moveByScan(ctx: TenantContext, kind: ScanMoveKind, input: TScanTransferInput) {
  const data = ZScanTransferInput.parse(input);
  const from = await binOf(ctx, data.fromBinCode, data.warehouseId);
  const to = await binOf(ctx, data.toBinCode, data.warehouseId);
  if (kind === 'QUARANTINE' && to.type !== 'QUARANTINE')
    throw new AppError('BAD_REQUEST', `${to.code} is not a quarantine bin`);
  if (kind === 'RELEASE' && from.type !== 'QUARANTINE')
    throw new AppError('BAD_REQUEST', `${from.code} is not a quarantine bin`);
  if (kind === 'RELEASE' && to.type === 'QUARANTINE')
    throw new AppError('BAD_REQUEST', `${to.code} is a quarantine bin: release into a bin that is not`);
  const product = await productOf(ctx, data.sku);
  const move = {
    fromLocationId: from.id,
    toLocationId: to.id,
    productId: product.id,
    lotNumber: data.lotNumber,
    quantity: data.quantity,
    reference: data.reference,
  };
  await (kind === 'PUTAWAY' ? putAwayStock(ctx, move) : moveStock(ctx, move));
  return { sku: product.sku, from: from.code, to: to.code, quantity: data.quantity };
}

export async function adjustByScan(ctx: TenantContext, input: TScanAdjustInput) {
  const data = ZScanAdjustInput.parse(input);
  const bin = await binOf(ctx, data.binCode, data.warehouseId);
  const product = await productOf(ctx, data.sku);
  await adjustStock(ctx, {
    locationId: bin.id,
    productId: product.id,
    lotNumber: data.lotNumber,
    expiresOn: data.expiresOn,
    delta: data.delta,
    reasonCode: data.reasonCode,
    reference: data.reference,
  });
  return { sku: product.sku, binCode: bin.code, delta: data.delta, reasonCode: data.reasonCode };
}

export async function scrapByScan(ctx: TenantContext, input: TScanScrapInput) {
  const data = ZScanScrapInput.parse(input);
  const bin = await binOf(ctx, data.binCode, data.warehouseId);
  const product = await productOf(ctx, data.sku);
  await scrapStock(ctx, {
    locationId: bin.id,
    productId: product.id,
    lotNumber: data.lotNumber,
    quantity: data.quantity,
    reasonCode: data.reasonCode,
    reference: data.reference,
  });
  return { sku: product.sku, binCode: bin.code, quantity: data.quantity, reasonCode: data.reasonCode };
}

export async function createCountTaskByScan(ctx: TenantContext, input: TScanCountTaskInput) {
  const data = ZScanCountTaskInput.parse(input);
  const bin = await binOf(ctx, data.binCode, data.warehouseId);
  return createCountTask(ctx, { warehouseId: bin.warehouseId, locationId: bin.id, blind: data.blind });
}
