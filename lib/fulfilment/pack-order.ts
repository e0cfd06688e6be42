// Scan-to-pack (issue 8 item 3): the packer scans an order, then every unit. Each unit is checked
// against what was picked for the order minus what is already packed — a product that is not in
// the order (wrong item) or one unit too many (over-pack) is refused with expected vs got, and
// nothing is written. Units go into the open parcel (created on the first scan, parcel 1, 2, …);
// "close parcel" seals it with its weight and dimensions and the next scan starts the next one.
// The scan that packs the order's last unit closes the parcel itself (auto-advance); the caller
// then creates its label (lib/shipping/create-shipment-label.ts).
//
// Scans of one order are serialised by a row lock on the order, so two stations (or a double
// scan) can never pack the same picked unit twice.
import { gtinVariants } from '../catalogue/gtin.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  ZCloseParcelInput,
  ZOpenPackingInput,
  ZScanPackItemInput,
  ZSetGiftInput,
  type TCloseParcelInput,
  type TOpenPackingInput,
  type TParcelMeasures,
  type TScanPackItemInput,
} from './pack-schemas.ts';
import { loadPackState, type PackLine, type PackParcel, type PackState } from './pack-state.ts';

/** Orders that may be packed: waiting for fulfilment, or part-shipped with units left. */
const PACKABLE_STATUSES = new Set(['AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED']);

export interface PackScanResult {
  state: PackState;
  /** The unit just packed. */
  packed: { orderLineId: string; sku: string | null; parcelNumber: number };
  /** Set when this scan packed the order's last unit and so closed the parcel. */
  closedParcelId: string | null;
}

/** Finds the order for a scanned order number (Amazon order id) or Packline order id. */
export async function openPacking(ctx: TenantContext, input: TOpenPackingInput): Promise<PackState> {
  assertPermission(ctx, 'fulfilment.pack');
  const { code } = ZOpenPackingInput.parse(input);
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(code);
    const order = await tx.order.findFirst({
      where: { organizationId, deletedAt: null, ...(isUuid ? { id: code } : { amazonOrderId: code }) },
      select: { id: true },
    });
    const state = order ? await loadPackState(tx, organizationId, order.id) : null;
    if (!state) throw new AppError('NOT_FOUND', `no order ${code}`);
    return state;
  });
}

export async function getPackState(ctx: TenantContext, orderId: string): Promise<PackState> {
  assertPermission(ctx, 'fulfilment.pack');
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => requireState(tx, organizationId, orderId));
}

export async function scanPackItem(ctx: TenantContext, input: TScanPackItemInput): Promise<PackScanResult> {
  assertPermission(ctx, 'fulfilment.pack');
  const data = ZScanPackItemInput.parse(input);
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    const state = await lockedState(tx, organizationId, data.orderId);
    const line = lineForScan(state, data.code);
    const parcel = state.openParcel ?? (await startParcel(tx, organizationId, state));
    await tx.$executeRaw`
      INSERT INTO shipment_items (id, organization_id, shipment_id, order_line_id, quantity, created_at, updated_at)
      VALUES (app_uuid_v7(), ${organizationId}::uuid, ${parcel.id}::uuid, ${line.orderLineId}::uuid, 1, now(), now())
      ON CONFLICT (organization_id, shipment_id, order_line_id)
      DO UPDATE SET quantity = shipment_items.quantity + 1, updated_at = now()`;
    let closedParcelId: string | null = null;
    const complete = state.lines.every(
      (l) => l.packed + (l.orderLineId === line.orderLineId ? 1 : 0) >= l.ordered,
    );
    if (complete) {
      await sealParcel(
        tx,
        ctx,
        parcel.id,
        await requireState(tx, organizationId, state.order.id),
        data.measures,
      );
      closedParcelId = parcel.id;
    } else if (data.measures) {
      await tx.shipment.update({
        where: { organizationId_id: { organizationId, id: parcel.id } },
        data: measuresData(data.measures),
      });
    }
    return {
      state: await requireState(tx, organizationId, state.order.id),
      packed: { orderLineId: line.orderLineId, sku: line.sku, parcelNumber: parcel.parcelNumber },
      closedParcelId,
    };
  });
}

/** Seals the open parcel with its measures; the next scan starts a new one. */
export async function closeParcel(
  ctx: TenantContext,
  input: TCloseParcelInput,
): Promise<{ state: PackState; closedParcelId: string }> {
  assertPermission(ctx, 'fulfilment.pack');
  const data = ZCloseParcelInput.parse(input);
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    const state = await lockedState(tx, organizationId, data.orderId);
    const parcel = state.openParcel;
    if (!parcel || parcel.items.length === 0) {
      throw new AppError('CONFLICT', 'there is no open parcel with units in it');
    }
    await sealParcel(tx, ctx, parcel.id, state, data.measures);
    return { state: await requireState(tx, organizationId, state.order.id), closedParcelId: parcel.id };
  });
}

/** Gift orders: the packing slip leaves prices out. */
export async function setPackingSlipHidePrices(
  ctx: TenantContext,
  input: { orderId: string; hidePrices: boolean },
): Promise<void> {
  assertPermission(ctx, 'fulfilment.pack');
  const data = ZSetGiftInput.parse(input);
  const { organizationId } = ctx;
  await withTenant(organizationId, async (tx) => {
    const { count } = await tx.order.updateMany({
      where: { organizationId, id: data.orderId, deletedAt: null },
      data: { packingSlipHidePrices: data.hidePrices },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'order not found');
  });
}

async function requireState(tx: TenantTx, organizationId: string, orderId: string): Promise<PackState> {
  const state = await loadPackState(tx, organizationId, orderId);
  if (!state) throw new AppError('NOT_FOUND', 'order not found');
  return state;
}

async function lockedState(tx: TenantTx, organizationId: string, orderId: string): Promise<PackState> {
  await tx.$queryRaw`
    SELECT id FROM orders WHERE organization_id = ${organizationId}::uuid AND id = ${orderId}::uuid FOR UPDATE`;
  const state = await requireState(tx, organizationId, orderId);
  if (!PACKABLE_STATUSES.has(state.order.status)) {
    throw new AppError(
      'CONFLICT',
      `order ${state.order.number} is ${state.order.status} and cannot be packed`,
    );
  }
  return state;
}

/** The order line a scanned code packs a unit of, or the refusal with expected vs got. */
function lineForScan(state: PackState, code: string): PackLine {
  const variants = new Set(gtinVariants(code));
  const matching = state.lines.filter(
    (l) => l.sku === code || (l.barcode !== null && (l.barcode === code || variants.has(l.barcode))),
  );
  const expected = state.lines
    .filter((l) => l.packable > 0)
    .map((l) => ({ sku: l.sku, remaining: l.packable }));
  const expectedText = expected.length
    ? expected.map((e) => `${e.sku ?? '(no SKU)'} ×${e.remaining}`).join(', ')
    : 'nothing (every picked unit is packed)';
  if (matching.length === 0) {
    throw new AppError('UNPROCESSABLE', `wrong item: expected ${expectedText}; got ${code}`, {
      reason: 'WRONG_ITEM',
      expected,
      got: code,
    });
  }
  const line = matching.find((l) => l.packable > 0);
  if (!line) {
    const l = matching[0]!;
    const why =
      l.packed >= l.ordered
        ? `all ${l.ordered} ordered unit(s) of ${l.sku} are packed`
        : `only ${l.picked} of ${l.ordered} unit(s) of ${l.sku} were picked and all are packed`;
    throw new AppError('UNPROCESSABLE', `over-pack: ${why}; expected ${expectedText}; got ${code}`, {
      reason: 'OVER_PACK',
      expected,
      got: code,
    });
  }
  return line;
}

async function startParcel(tx: TenantTx, organizationId: string, state: PackState): Promise<PackParcel> {
  // Voided parcels keep their number (their labels were bought); the next one follows them all.
  const last = await tx.shipment.aggregate({
    where: { organizationId, orderId: state.order.id },
    _max: { parcelNumber: true },
  });
  const created = await tx.shipment.create({
    data: { organizationId, orderId: state.order.id, parcelNumber: (last._max.parcelNumber ?? 0) + 1 },
  });
  return {
    id: created.id,
    parcelNumber: created.parcelNumber,
    status: 'PACKING',
    weightGrams: null,
    lengthMm: null,
    widthMm: null,
    heightMm: null,
    carrier: null,
    serviceCode: null,
    trackingNumber: null,
    items: [],
  };
}

function measuresData(m: TParcelMeasures) {
  return {
    ...(m.weightGrams !== undefined ? { weightGrams: m.weightGrams } : {}),
    ...(m.lengthMm !== undefined ? { lengthMm: m.lengthMm } : {}),
    ...(m.widthMm !== undefined ? { widthMm: m.widthMm } : {}),
    ...(m.heightMm !== undefined ? { heightMm: m.heightMm } : {}),
  };
}

/**
 * PACKING → PACKED. The weight is the one entered, else the catalogue weight of its units (a
 * scale reading is better, but a label needs a weight and the catalogue knows most of them).
 */
async function sealParcel(
  tx: TenantTx,
  ctx: TenantContext,
  parcelId: string,
  state: PackState,
  measures: TParcelMeasures | undefined,
): Promise<void> {
  const parcel = state.parcels.find((p) => p.id === parcelId)!;
  const weightGrams = measures?.weightGrams ?? parcel.weightGrams ?? catalogueWeight(state, parcel);
  if (weightGrams === null) {
    throw new AppError('BAD_REQUEST', 'enter the parcel weight (the catalogue has no weight for its items)');
  }
  await tx.shipment.update({
    where: { organizationId_id: { organizationId: ctx.organizationId, id: parcelId } },
    data: {
      ...(measures ? measuresData(measures) : {}),
      weightGrams,
      status: 'PACKED',
      packedAt: new Date(),
      packedById: ctx.actor.id,
    },
  });
}

function catalogueWeight(state: PackState, parcel: PackParcel): number | null {
  let total = 0;
  for (const item of parcel.items) {
    const grams = state.lines.find((l) => l.orderLineId === item.orderLineId)?.productWeightGrams;
    if (!grams) return null;
    total += grams * item.quantity;
  }
  return total > 0 ? total : null;
}
