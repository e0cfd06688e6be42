'use server';
// Inventory screens' server actions: each parses its input, resolves the tenant and permission
// through tenantAction and calls one use case.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { createProduct } from '@/lib/catalogue/create-product.ts';
import { ZCreateProductInput } from '@/lib/catalogue/schemas.ts';
import { reviewCount } from '@/lib/inventory/review-count.ts';
import { createCountTaskByScan, receiveByScan, transferByScan } from '@/lib/inventory/scan-operations.ts';
import {
  ZReviewCountInput,
  ZScanCountTaskInput,
  ZScanReceiveInput,
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
} from '@/lib/warehouse/schemas.ts';

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
  transferByScan(ctx, input),
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
