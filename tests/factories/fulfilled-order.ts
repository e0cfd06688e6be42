// An organization that has been through the whole fulfilment flow, through the real use cases:
// an order stocked, allocated, on a pick list and picked, packed, labelled on the courier
// simulator (label files encrypted), dispatched, then returned (an RMA with a note, a receipt
// with a note, a refund). Termination and hard-delete tests start from it: every table that hangs
// off an order holds a row. A test file using it calls withCourierSimulator() once.
import { afterAll, beforeAll } from 'vitest';
import { scanPackItem } from '../../lib/fulfilment/pack-order.ts';
import { systemDb } from '../../lib/db/system.ts';
import { createReturn } from '../../lib/returns/create-return.ts';
import { receiveReturn } from '../../lib/returns/receive-return.ts';
import { recordRefund } from '../../lib/returns/record-refund.ts';
import { createShipmentLabel } from '../../lib/shipping/create-shipment-label.ts';
import { dispatchShipments } from '../../lib/shipping/dispatch-shipments.ts';
import type { TenantContext } from '../../lib/tenancy/tenant-context.ts';
import { createOrganization } from '../factories.ts';
import { setTestEnv } from '../helpers/test-env.ts';
import { startCourierSimulator, type CourierSimulator } from '../simulators/courier/server.ts';
import { createCarrierWithRule, createPickedOrder, createShippingWarehouse } from './fulfilment.ts';
import { memberContext } from './inventory.ts';

/** Runs the courier simulator for the test file (the label step buys from it). */
export function withCourierSimulator(): void {
  let courier: CourierSimulator | undefined;
  beforeAll(async () => {
    courier = await startCourierSimulator();
    setTestEnv({ COURIER_SIMULATOR_URL: courier.url });
  });
  afterAll(async () => {
    await courier?.close();
  });
}

export interface FulfilledTenant {
  organizationId: string;
  owner: TenantContext;
  order: { id: string; piiRecordId: string; amazonOrderId: string };
  shipmentId: string;
  returnId: string;
  receiptId: string;
}

export async function createFulfilledTenant(input: {
  recipientName: string;
  returnNote: string;
  receiptNote: string;
}): Promise<FulfilledTenant> {
  const org = await createOrganization();
  const owner = await memberContext(org.id, 'OWNER');
  const shipping = await createShippingWarehouse(org.id);
  await createCarrierWithRule(owner, { carrier: 'TEST', serviceCode: 'TEST24', priority: 10 });
  const sku = `FF-${crypto.randomUUID().slice(0, 8)}`;
  const order = await createPickedOrder(owner, shipping, {
    integrationId: null,
    lines: [{ sku, quantity: 2 }],
    recipientName: input.recipientName,
  });
  let packed;
  for (let i = 0; i < 2; i++) packed = await scanPackItem(owner, { orderId: order.id, code: sku });
  const label = await createShipmentLabel(owner, { shipmentId: packed!.closedParcelId! });
  await dispatchShipments(owner, { shipmentIds: [label.shipmentId] });
  // What the channel's status sync records once the carrier has the parcel.
  await systemDb().orderLine.updateMany({
    where: { organizationId: org.id, orderId: order.id },
    data: { quantityShipped: 2 },
  });
  await systemDb().order.update({
    where: { id: order.id },
    data: { status: 'SHIPPED', channelStatus: 'Shipped', completedAt: new Date() },
  });
  await systemDb().orderStatusEvent.create({
    data: {
      organizationId: org.id,
      orderId: order.id,
      status: 'SHIPPED',
      channelStatus: 'Shipped',
      occurredAt: new Date(),
    },
  });
  const rma = await createReturn(owner, {
    orderLineId: order.lines[0]!.id,
    quantity: 1,
    reason: 'DAMAGED',
    reasonNote: input.returnNote,
  });
  const receipt = await receiveReturn(owner, {
    returnId: rma.id,
    disposition: 'RESTOCK',
    quantity: 1,
    binCode: shipping.binCode,
    note: input.receiptNote,
  });
  await recordRefund(owner, { returnId: rma.id, amount: '15.00', currency: 'GBP', reason: 'damaged' });
  return {
    organizationId: org.id,
    owner,
    order: { id: order.id, piiRecordId: order.piiRecordId, amazonOrderId: order.amazonOrderId },
    shipmentId: label.shipmentId,
    returnId: rma.id,
    receiptId: receipt.receiptId,
  };
}
