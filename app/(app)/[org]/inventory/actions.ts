'use server';
// Inventory screens' server actions: each parses its input, resolves the tenant and permission
// through tenantAction and calls one use case.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { createProduct } from '@/lib/catalogue/create-product.ts';
import { ZCreateProductInput, ZUpdateProductInput } from '@/lib/catalogue/schemas.ts';
import { updateProduct } from '@/lib/catalogue/update-product.ts';
import { closeInboundDelivery } from '@/lib/inventory/close-inbound-delivery.ts';
import { reviewCount } from '@/lib/inventory/review-count.ts';
import {
  adjustByScan,
  createCountTaskByScan,
  createInboundDeliveryByScan,
  moveByScan,
  receiveByScan,
  scrapByScan,
} from '@/lib/inventory/scan-operations.ts';
import {
  ZDeliveryIdInput,
  ZReviewCountInput,
  ZScanAdjustInput,
  ZScanCountTaskInput,
  ZScanInboundDeliveryInput,
  ZScanReceiveInput,
  ZScanScrapInput,
  ZScanTransferInput,
  ZSubmitCountInput,
} from '@/lib/inventory/schemas.ts';
import { submitCount } from '@/lib/inventory/submit-count.ts';
import { bulkCreateLocations } from '@/lib/warehouse/bulk-create-locations.ts';
import { createLocation } from '@/lib/warehouse/create-location.ts';
import { createWarehouse } from '@/lib/warehouse/create-warehouse.ts';
import {
  ZBulkCreateLocationsInput,
  ZCreateLocationInput,
  ZCreateWarehouseInput,
  ZUpdateLocationInput,
  ZUpdateWarehouseInput,
} from '@/lib/warehouse/schemas.ts';
import { updateLocation } from '@/lib/warehouse/update-location.ts';
import { updateWarehouse } from '@/lib/warehouse/update-warehouse.ts';

export const createProductAction = tenantAction(
  ZCreateProductInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const product = await createProduct(ctx, input);
    return { id: product.id, sku: product.sku };
  },
);

export const createWarehouseAction = tenantAction(
  ZCreateWarehouseInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const warehouse = await createWarehouse(ctx, input);
    return { id: warehouse.id, code: warehouse.code };
  },
);

export const createLocationAction = tenantAction(
  ZCreateLocationInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const location = await createLocation(ctx, input);
    return { id: location.id, code: location.code };
  },
);

export const bulkCreateLocationsAction = tenantAction(
  ZBulkCreateLocationsInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const result = await bulkCreateLocations(ctx, input);
    return { created: result.created, skipped: result.skipped };
  },
);

export const receiveByScanAction = tenantAction(ZScanReceiveInput, 'inventory.update', ({ ctx, input }) =>
  receiveByScan(ctx, input),
);

export const transferByScanAction = tenantAction(ZScanTransferInput, 'inventory.update', ({ ctx, input }) =>
  moveByScan(ctx, 'TRANSFER', input),
);

export const putAwayByScanAction = tenantAction(ZScanTransferInput, 'inventory.update', ({ ctx, input }) =>
  moveByScan(ctx, 'PUTAWAY', input),
);

export const quarantineByScanAction = tenantAction(ZScanTransferInput, 'inventory.update', ({ ctx, input }) =>
  moveByScan(ctx, 'QUARANTINE', input),
);

export const releaseByScanAction = tenantAction(ZScanTransferInput, 'inventory.update', ({ ctx, input }) =>
  moveByScan(ctx, 'RELEASE', input),
);

// Adjustments and scrap change on-hand without a physical movement: manager-level, like the
// approval of a count variance (docs/decisions/0027-inventory-operations-on-screen.md).
export const adjustByScanAction = tenantAction(ZScanAdjustInput, 'inventory.approve', ({ ctx, input }) =>
  adjustByScan(ctx, input),
);

export const scrapByScanAction = tenantAction(ZScanScrapInput, 'inventory.approve', ({ ctx, input }) =>
  scrapByScan(ctx, input),
);

export const createInboundDeliveryAction = tenantAction(
  ZScanInboundDeliveryInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const delivery = await createInboundDeliveryByScan(ctx, input);
    return { id: delivery.id, reference: delivery.reference };
  },
);

export const closeInboundDeliveryAction = tenantAction(
  ZDeliveryIdInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const { short } = await closeInboundDelivery(ctx, input);
    return { shortLines: short.length, shortUnits: short.reduce((n, l) => n + l.quantity, 0) };
  },
);

export const updateProductAction = tenantAction(
  ZUpdateProductInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const product = await updateProduct(ctx, input);
    return { id: product.id, sku: product.sku };
  },
);

export const updateWarehouseAction = tenantAction(
  ZUpdateWarehouseInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const warehouse = await updateWarehouse(ctx, input);
    return { id: warehouse.id, code: warehouse.code };
  },
);

export const updateLocationAction = tenantAction(
  ZUpdateLocationInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const location = await updateLocation(ctx, input);
    return { id: location.id, code: location.code, type: location.type };
  },
);

export const createCountTaskAction = tenantAction(
  ZScanCountTaskInput,
  'inventory.update',
  async ({ ctx, input }) => {
    const task = await createCountTaskByScan(ctx, input);
    return { id: task.id };
  },
);

export const submitCountAction = tenantAction(ZSubmitCountInput, 'inventory.update', ({ ctx, input }) =>
  submitCount(ctx, input),
);

export const reviewCountAction = tenantAction(
  ZReviewCountInput,
  'inventory.approve',
  async ({ ctx, input }) => {
    await reviewCount(ctx, input);
    return { decision: input.decision };
  },
);
