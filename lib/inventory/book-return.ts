// Ledger side of customer returns (lib/returns): units coming back from a buyer are booked into a
// location with a RETURN movement; units to be written off are booked in and scrapped out again
// (RETURN then SCRAP), so the ledger shows both that they came back and that they were destroyed;
// units released from quarantine later move to a sellable bin (MOVE). Runs in the caller's tenant
// transaction (the RMA rows change with the ledger); the caller calls onAvailabilityChanged after
// commit.
import type { TenantTx } from '../db/tenant.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import type { ProductRules } from './load.ts';
import { postMovement } from './post-movement.ts';
import { findExistingLot, findOrCreateLot } from './resolve-lot.ts';

export interface BookReturnInput {
  product: ProductRules;
  locationId: string;
  quantity: number;
  lotNumber?: string | undefined;
  expiresOn?: string | undefined;
  /** Write the units off after booking them in. */
  scrap: boolean;
  /** Names the RMA on the ledger rows (`return:<number>`). */
  reference: string;
  reasonCode?: string | null;
}

export async function bookReturnedUnits(tx: TenantTx, ctx: TenantContext, input: BookReturnInput) {
  const lotId = await findOrCreateLot(tx, ctx.organizationId, input.product, {
    lotNumber: input.lotNumber,
    expiresOn: input.expiresOn,
  });
  const returned = await postMovement(tx, ctx, {
    type: 'RETURN',
    productId: input.product.id,
    lotId,
    toLocationId: input.locationId,
    quantity: input.quantity,
    reference: input.reference,
  });
  const scrapped = input.scrap
    ? await postMovement(tx, ctx, {
        type: 'SCRAP',
        productId: input.product.id,
        lotId,
        fromLocationId: input.locationId,
        quantity: input.quantity,
        reasonCode: input.reasonCode ?? 'RETURNED',
        reference: input.reference,
      })
    : null;
  return { lotId, returnMovementId: returned.id, scrapMovementId: scrapped?.id ?? null };
}

export async function moveReturnedUnits(
  tx: TenantTx,
  ctx: TenantContext,
  input: {
    product: ProductRules;
    lotId: string | null;
    fromLocationId: string;
    toLocationId: string;
    quantity: number;
    reference: string;
  },
) {
  const lotId = input.lotId
    ? await findExistingLot(tx, ctx.organizationId, input.product, { lotId: input.lotId })
    : null;
  return postMovement(tx, ctx, {
    type: 'MOVE',
    productId: input.product.id,
    lotId,
    fromLocationId: input.fromLocationId,
    toLocationId: input.toLocationId,
    quantity: input.quantity,
    reference: input.reference,
  });
}
