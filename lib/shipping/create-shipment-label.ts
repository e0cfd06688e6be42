// Buying a parcel's label (issue 8 item 4), on pack completion or the "create label" button:
//
// 1. The parcel (PACKED) and its order are read; the service is chosen by the organization's
//    shipping rules (lib/couriers/select-carrier-service.ts: country, weight, value, channel).
// 2. The recipient is decrypted for purpose `label` through readBuyerPii (audited; a DSR
//    restriction needs the explicit override) and goes to the chosen carrier's adapter only —
//    never into a log, an error, a job or the response.
// 3. The carrier's label (or one rendered from the shipment when it sent none) becomes a 4×6 PDF
//    and a ZPL file, both encrypted under the buyer-pii key (label-vault.ts).
// 4. One transaction stores the labels, the tracking number and LABELLED, after re-checking that
//    the parcel is still PACKED. If that fails (a concurrent void, the database), the carrier
//    shipment is cancelled again: no label is paid for that Packline does not know about, and no
//    half-written state remains. A carrier failure writes nothing and is surfaced to the caller.
//
// The carrier call is inline (the packer waits for the label) with the adapter's timeout
// (COURIER_TIMEOUT_MS); never inside a database transaction.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { CarrierError, type Address, type CourierAdapter } from '../couriers/courier-adapter.ts';
import { courierForAccount } from '../couriers/courier-for-account.ts';
import { labelsFor } from '../couriers/labels.ts';
import { selectCarrierService, type SelectedService } from '../couriers/select-carrier-service.ts';
import { tenantKeys } from '../crypto/tenant-keys.ts';
import { newId } from '../db/ids.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { getLogger } from '../logger.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import type { BuyerPii } from '../pii/schemas.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { encryptLabel } from './label-vault.ts';
import { ZCreateLabelInput, type TCreateLabelInput } from './schemas.ts';

export interface CreatedLabel {
  shipmentId: string;
  carrier: string;
  serviceCode: string;
  serviceName: string;
  trackingNumber: string;
}

interface ParcelToLabel {
  id: string;
  parcelNumber: number;
  weightGrams: number;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  order: {
    id: string;
    number: string;
    channel: 'AMAZON' | 'MANUAL';
    piiRecordId: string;
    currency: string;
  };
  valueMinor: number;
  contents: { description: string; quantity: number; unitValue: number }[];
  countryCode: string;
  shipFrom: Address;
}

export async function createShipmentLabel(
  ctx: TenantContext,
  input: TCreateLabelInput,
): Promise<CreatedLabel> {
  assertPermission(ctx, 'fulfilment.ship');
  const data = ZCreateLabelInput.parse(input);
  const { organizationId } = ctx;

  const { parcel, service } = await withTenant(organizationId, async (tx) => {
    const parcel = await loadParcel(tx, organizationId, data.shipmentId);
    const service = await selectCarrierService(tx, organizationId, {
      countryCode: parcel.countryCode,
      weightGrams: parcel.weightGrams,
      valueMinor: parcel.valueMinor,
      currency: parcel.order.currency,
      channel: parcel.order.channel,
    });
    return { parcel, service };
  });
  if (!service) {
    throw new AppError(
      'CONFLICT',
      'no shipping rule matches this parcel; add a rule for its country and weight',
    );
  }
  // Independent reads, side by side: the recipient (audited) and the carrier account's adapter.
  const [recipient, adapter] = await Promise.all([
    readBuyerPii(
      ctx,
      parcel.order.piiRecordId,
      'label',
      data.restrictionOverride ? { restrictionOverride: data.restrictionOverride } : undefined,
    ),
    courierForAccount(ctx, service.carrierAccountId),
  ]);
  const shipTo = addressOf(recipient, parcel.countryCode);
  const result = await adapter
    .createShipment({
      reference: parcel.id,
      serviceCode: service.serviceCode,
      shipFrom: parcel.shipFrom,
      shipTo,
      parcels: [
        {
          weightGrams: parcel.weightGrams,
          ...(parcel.lengthMm ? { lengthMm: parcel.lengthMm } : {}),
          ...(parcel.widthMm ? { widthMm: parcel.widthMm } : {}),
          ...(parcel.heightMm ? { heightMm: parcel.heightMm } : {}),
          contents: parcel.contents,
        },
      ],
      shipDate: new Date().toISOString(),
      label: {
        format: adapter.capabilities.labelFormats.includes('PDF')
          ? 'PDF'
          : adapter.capabilities.labelFormats[0]!,
        size: '4x6',
      },
      valueMinor: parcel.valueMinor,
      currency: parcel.order.currency,
    })
    .catch((error: unknown) => {
      throw carrierFailure(error);
    });
  const trackingNumber = result.trackingNumber ?? result.parcelTrackingNumbers[0] ?? result.carrierShipmentId;
  const files = await labelsFor(result, {
    carrier: service.carrier,
    serviceName: service.serviceName,
    reference: `${parcel.order.number}-${parcel.parcelNumber}`,
    shipFrom: parcel.shipFrom,
    shipTo,
    weightGrams: parcel.weightGrams,
  });

  try {
    await storeLabels(ctx, parcel, service, {
      carrierShipmentId: result.carrierShipmentId,
      trackingNumber,
      pdf: files.pdf,
      zpl: Buffer.from(files.zpl, 'utf8'),
    });
  } catch (error) {
    await cancelQuietly(adapter, result.carrierShipmentId, organizationId, parcel.id);
    throw error;
  }
  return {
    shipmentId: parcel.id,
    carrier: service.carrier,
    serviceCode: service.serviceCode,
    serviceName: service.serviceName,
    trackingNumber,
  };
}

async function loadParcel(tx: TenantTx, organizationId: string, shipmentId: string): Promise<ParcelToLabel> {
  const shipment = await tx.shipment.findFirst({
    where: { organizationId, id: shipmentId },
    include: {
      items: {
        include: {
          orderLine: { select: { sku: true, title: true, quantityOrdered: true, itemPriceMinor: true } },
        },
      },
      order: {
        select: {
          id: true,
          amazonOrderId: true,
          channel: true,
          piiRecordId: true,
          piiStatus: true,
          currency: true,
          deletedAt: true,
        },
      },
    },
  });
  if (!shipment || shipment.order.deletedAt) throw new AppError('NOT_FOUND', 'shipment not found');
  if (shipment.status === 'PACKING')
    throw new AppError('CONFLICT', 'close the parcel before buying its label');
  if (shipment.status !== 'PACKED') {
    throw new AppError(
      'CONFLICT',
      `this parcel is ${shipment.status.toLowerCase()}; void it to buy a new label`,
    );
  }
  if (!shipment.weightGrams) throw new AppError('CONFLICT', 'the parcel has no weight');
  const { order } = shipment;
  if (!order.piiRecordId || order.piiStatus !== 'STORED') {
    throw new AppError('CONFLICT', 'this order has no recipient to ship to (not fetched yet, or anonymised)');
  }
  const record = await tx.piiRecord.findFirst({
    where: { organizationId, id: order.piiRecordId },
    select: { countryCode: true },
  });
  if (!record?.countryCode) throw new AppError('CONFLICT', 'the recipient has no country');
  const contents = shipment.items.map((i) => {
    const line = i.orderLine;
    const unitMinor =
      line.itemPriceMinor !== null && line.quantityOrdered > 0
        ? Number(line.itemPriceMinor) / line.quantityOrdered
        : 0;
    return {
      description: line.title ?? line.sku ?? 'goods',
      quantity: i.quantity,
      unitValue: Math.round(unitMinor),
    };
  });
  return {
    id: shipment.id,
    parcelNumber: shipment.parcelNumber,
    weightGrams: shipment.weightGrams,
    lengthMm: shipment.lengthMm,
    widthMm: shipment.widthMm,
    heightMm: shipment.heightMm,
    order: {
      id: order.id,
      number: order.amazonOrderId ?? order.id,
      channel: order.channel,
      piiRecordId: order.piiRecordId,
      currency: order.currency ?? 'GBP',
    },
    valueMinor: contents.reduce((sum, c) => sum + c.unitValue * c.quantity, 0),
    contents,
    countryCode: record.countryCode,
    shipFrom: await shipFromOf(tx, organizationId, order.id),
  };
}

/** The sender: the warehouse the order was picked in (else the first by priority). */
async function shipFromOf(tx: TenantTx, organizationId: string, orderId: string): Promise<Address> {
  const [picked] = await tx.$queryRaw<{ warehouse_id: string }[]>`
    SELECT p.warehouse_id FROM pick_list_orders po
      JOIN pick_lists p ON p.organization_id = po.organization_id AND p.id = po.pick_list_id
     WHERE po.organization_id = ${organizationId}::uuid AND po.order_id = ${orderId}::uuid
       AND p.status <> 'CANCELLED'
     ORDER BY po.created_at DESC LIMIT 1`;
  const warehouse = await tx.warehouse.findFirst({
    where: { organizationId, ...(picked ? { id: picked.warehouse_id } : {}) },
    orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }],
  });
  if (!warehouse?.senderLine1 || !warehouse.senderCity || !warehouse.senderCountryCode) {
    throw new AppError('CONFLICT', 'set the warehouse’s sender address before buying labels');
  }
  return {
    name: warehouse.senderName ?? warehouse.name,
    line1: warehouse.senderLine1,
    ...(warehouse.senderLine2 ? { line2: warehouse.senderLine2 } : {}),
    city: warehouse.senderCity,
    ...(warehouse.senderPostcode ? { postcode: warehouse.senderPostcode } : {}),
    countryCode: warehouse.senderCountryCode,
    ...(warehouse.senderPhone ? { phone: warehouse.senderPhone } : {}),
  };
}

function addressOf(r: BuyerPii, countryCode: string): Address {
  if (!r.name || !r.addressLine1 || !r.city) {
    throw new AppError(
      'CONFLICT',
      'the recipient’s address is incomplete (name, first line and city are needed)',
    );
  }
  return {
    name: r.name,
    line1: r.addressLine1,
    ...(r.addressLine2 ? { line2: r.addressLine2 } : {}),
    ...(r.addressLine3 ? { line3: r.addressLine3 } : {}),
    city: r.city,
    ...(r.region ? { county: r.region } : {}),
    ...(r.postcode ? { postcode: r.postcode } : {}),
    countryCode,
    ...(r.phone ? { phone: r.phone } : {}),
  };
}

/**
 * A carrier refusal as a 4xx/503 the packer can act on. The carrier's own text is left out: a real
 * carrier may quote the value it refused (a postcode, a name), and this message reaches the screen.
 */
function carrierFailure(error: unknown): Error {
  if (!(error instanceof CarrierError))
    return error instanceof Error ? error : new Error('carrier call failed');
  const code = error.retryable ? 'UNAVAILABLE' : error.kind === 'AUTH' ? 'CONFLICT' : 'UNPROCESSABLE';
  const where = error.field ? ` on ${error.field}` : '';
  return new AppError(code, `${error.carrier} refused the label (${error.kind}${where})`, {
    carrierKind: error.kind,
    ...(error.field ? { field: error.field } : {}),
  });
}

async function storeLabels(
  ctx: TenantContext,
  parcel: ParcelToLabel,
  service: SelectedService,
  bought: { carrierShipmentId: string; trackingNumber: string; pdf: Buffer; zpl: Buffer },
): Promise<void> {
  const { organizationId } = ctx;
  const keys = tenantKeys();
  await keys.prepareActiveKey(organizationId, 'buyer-pii');
  await withTenant(organizationId, async (tx) => {
    const keyRow = await keys.lockActiveKey(tx, organizationId, 'buyer-pii');
    const [locked] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM shipments
       WHERE organization_id = ${organizationId}::uuid AND id = ${parcel.id}::uuid FOR UPDATE`;
    if (locked?.status !== 'PACKED') {
      throw new AppError(
        'CONFLICT',
        'the parcel changed while its label was bought (voided or labelled elsewhere)',
      );
    }
    for (const [format, file] of [
      ['PDF', bought.pdf],
      ['ZPL', bought.zpl],
    ] as const) {
      const id = newId();
      await tx.shipmentLabel.create({
        data: {
          id,
          organizationId,
          shipmentId: parcel.id,
          format,
          keyVersion: keyRow.version,
          content: new Uint8Array(await encryptLabel(keys, keyRow, id, file)),
        },
      });
    }
    await tx.shipment.update({
      where: { organizationId_id: { organizationId, id: parcel.id } },
      data: {
        status: 'LABELLED',
        labelledAt: new Date(),
        carrierAccountId: service.carrierAccountId,
        carrier: service.carrier,
        serviceCode: service.serviceCode,
        trackingNumber: bought.trackingNumber,
        carrierShipmentId: bought.carrierShipmentId,
      },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'shipment.label_created',
      targetType: 'shipment',
      targetId: parcel.id,
      metadata: { carrier: service.carrier, serviceCode: service.serviceCode, ruleId: service.ruleId },
    });
  });
}

async function cancelQuietly(
  adapter: CourierAdapter,
  carrierShipmentId: string,
  organizationId: string,
  shipmentId: string,
): Promise<void> {
  try {
    await adapter.cancel(carrierShipmentId);
  } catch (err) {
    getLogger().warn(
      { organizationId, shipmentId, err: err instanceof Error ? err.name : 'unknown' },
      'label bought but not stored, and cancelling it at the carrier failed',
    );
  }
}
