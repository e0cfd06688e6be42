'use server';
// Packing station and shipments screens' server actions: tenantAction resolves the tenant and
// the permission, then one use case runs. When a scan or "close parcel" seals a parcel its label
// is bought right away (auto-advance); a label failure does not undo the packing — it comes back
// as `label.ok = false` (with `restricted` when a DSR restriction needs the override reason).
import { z } from 'zod';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import {
  closeParcel,
  openPacking,
  scanPackItem,
  setPackingSlipHidePrices,
} from '@/lib/fulfilment/pack-order.ts';
import {
  ZCloseParcelInput,
  ZOpenPackingInput,
  ZScanPackItemInput,
  ZSetGiftInput,
} from '@/lib/fulfilment/pack-schemas.ts';
import { PiiRestrictedError } from '@/lib/pii/pii-restriction.ts';
import { createShipmentLabel, type CreatedLabel } from '@/lib/shipping/create-shipment-label.ts';
import { dispatchShipments, retryShipmentConfirmation } from '@/lib/shipping/dispatch-shipments.ts';
import { ZCreateLabelInput, ZDispatchInput } from '@/lib/shipping/schemas.ts';
import { voidShipment } from '@/lib/shipping/void-shipment.ts';
import type { TenantContext } from '@/lib/tenancy/tenant-context.ts';

export type LabelOutcome =
  { ok: true; label: CreatedLabel } | { ok: false; shipmentId: string; message: string; restricted: boolean };

async function labelFor(ctx: TenantContext, shipmentId: string, reason?: string): Promise<LabelOutcome> {
  try {
    const label = await createShipmentLabel(ctx, {
      shipmentId,
      ...(reason ? { restrictionOverride: { reason } } : {}),
    });
    return { ok: true, label };
  } catch (error) {
    // No such parcel in this organization (another tenant's id) is the action's 404, not a label failure.
    if (!isAppError(error) || error.code === 'NOT_FOUND') throw error;
    return { ok: false, shipmentId, message: error.message, restricted: error instanceof PiiRestrictedError };
  }
}

export const openPackingAction = tenantAction(ZOpenPackingInput, 'fulfilment.pack', ({ ctx, input }) =>
  openPacking(ctx, input),
);

export const scanPackAction = tenantAction(ZScanPackItemInput, 'fulfilment.pack', async ({ ctx, input }) => {
  const result = await scanPackItem(ctx, input);
  const label = result.closedParcelId ? await labelFor(ctx, result.closedParcelId) : null;
  return { ...result, label };
});

export const closeParcelAction = tenantAction(
  ZCloseParcelInput,
  'fulfilment.pack',
  async ({ ctx, input }) => {
    const result = await closeParcel(ctx, input);
    return { ...result, label: await labelFor(ctx, result.closedParcelId) };
  },
);

export const createLabelAction = tenantAction(ZCreateLabelInput, 'fulfilment.ship', ({ ctx, input }) =>
  labelFor(ctx, input.shipmentId, input.restrictionOverride?.reason),
);

export const setGiftAction = tenantAction(ZSetGiftInput, 'fulfilment.pack', ({ ctx, input }) =>
  setPackingSlipHidePrices(ctx, input),
);

export const dispatchAction = tenantAction(ZDispatchInput, 'fulfilment.ship', ({ ctx, input }) =>
  dispatchShipments(ctx, input),
);

const ZShipmentRef = z.strictObject({ shipmentId: z.uuid() });

export const voidShipmentAction = tenantAction(ZShipmentRef, 'fulfilment.ship', ({ ctx, input }) =>
  voidShipment(ctx, input.shipmentId),
);

export const retryConfirmationAction = tenantAction(ZShipmentRef, 'fulfilment.ship', ({ ctx, input }) =>
  retryShipmentConfirmation(ctx, input.shipmentId),
);
