// Packing and shipping fixtures: a warehouse with a sender address and a pick face, carrier
// accounts on the courier simulator with shipping rules, and orders taken to "picked" through
// the real use cases (allocateOrder, createPickList, confirmPick) — the state a packer starts from.
// Orders mirror a simulated Amazon order (ids, items) so confirmShipment reaches the simulator.
import { randomBytes } from 'node:crypto';
import { storeCredential } from '../../lib/credentials/store-credential.ts';
import { COURIER_CREDENTIALS_KIND } from '../../lib/couriers/credentials.ts';
import type { Carrier } from '../../lib/couriers/courier-adapter.ts';
import { systemDb } from '../../lib/db/system.ts';
import { confirmPick } from '../../lib/fulfilment/confirm-pick.ts';
import { createPickList } from '../../lib/fulfilment/create-pick-list.ts';
import { getPickList } from '../../lib/fulfilment/get-pick-list.ts';
import { receiveStock } from '../../lib/inventory/receive-stock.ts';
import { allocateOrder } from '../../lib/inventory/reserve-stock.ts';
import { storeBuyerPii } from '../../lib/pii/store-buyer-pii.ts';
import { systemContext, type TenantContext } from '../../lib/tenancy/tenant-context.ts';
import type { SimOrder } from '../simulators/amazon/generator.ts';
import { DEV_COURIER_CREDENTIALS } from '../simulators/courier/server.ts';
import { createTestLocation, createTestWarehouse } from './inventory.ts';

/** A warehouse that can ship (sender address) with one pick-face bin. */
export async function createShippingWarehouse(organizationId: string) {
  const warehouse = await createTestWarehouse(organizationId);
  await systemDb().warehouse.update({
    where: { id: warehouse.id },
    data: {
      senderName: 'Packline Test Warehouse',
      senderLine1: '1 Dock Road',
      senderCity: 'London',
      senderPostcode: 'E16 2QD',
      senderCountryCode: 'GB',
      senderPhone: '+44 20 7946 0000',
    },
  });
  const bin = await createTestLocation(organizationId, warehouse.id, {
    code: `P-${randomBytes(2).toString('hex').toUpperCase()}`,
    type: 'PICK_FACE',
    pickSequence: 1,
  });
  return { warehouseId: warehouse.id, binId: bin.id, binCode: bin.code };
}

const SECRETS: Record<Carrier, Record<string, string>> = {
  TEST: { ...DEV_COURIER_CREDENTIALS.test },
  ROYAL_MAIL: { ...DEV_COURIER_CREDENTIALS['royal-mail'] },
  DPD: { username: DEV_COURIER_CREDENTIALS.dpd.username, password: DEV_COURIER_CREDENTIALS.dpd.password },
  DHL: { apiKey: DEV_COURIER_CREDENTIALS.dhl.apiKey, apiSecret: DEV_COURIER_CREDENTIALS.dhl.apiSecret },
};

/** A carrier account with its secret in the credentials store and one rule for it. */
export async function createCarrierWithRule(
  admin: TenantContext,
  input: { carrier: Carrier; serviceCode: string; priority: number; countryCodes?: string[] },
) {
  const organizationId = admin.organizationId;
  const account = await systemDb().carrierAccount.create({
    data: {
      organizationId,
      carrier: input.carrier,
      name: `${input.carrier} ${randomBytes(2).toString('hex')}`,
      accountNumber:
        input.carrier === 'DPD'
          ? DEV_COURIER_CREDENTIALS.dpd.accountNumber
          : input.carrier === 'DHL'
            ? DEV_COURIER_CREDENTIALS.dhl.accountNumber
            : null,
    },
  });
  const { credentialId } = await storeCredential(admin, {
    kind: COURIER_CREDENTIALS_KIND,
    ownerId: account.id,
    secret: JSON.stringify(SECRETS[input.carrier]),
  });
  await systemDb().carrierAccount.update({ where: { id: account.id }, data: { credentialId } });
  await systemDb().shippingRule.create({
    data: {
      organizationId,
      name: `rule ${input.carrier}`,
      priority: input.priority,
      countryCodes: input.countryCodes ?? [],
      carrierAccountId: account.id,
      serviceCode: input.serviceCode,
    },
  });
  return account;
}

export interface PickedOrder {
  id: string;
  amazonOrderId: string;
  piiRecordId: string;
  lines: { id: string; sku: string; channelLineId: string; quantity: number; barcode: string }[];
}

let gtinCounter = 0;
/** A valid, unique GTIN-13 for a test product. */
function nextGtin(): string {
  gtinCounter += 1;
  const body = `20${String(Date.now() % 1e7).padStart(7, '0')}${String(gtinCounter % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/**
 * The simulated Amazon order as the sync would have stored it (merchant-fulfilled, Unshipped,
 * recipient in the vault), its products stocked in the bin, allocated, on a single-order pick
 * list and picked in full.
 */
export async function createPickedOrder(
  picker: TenantContext,
  shipping: { warehouseId: string; binId: string; binCode: string },
  input: {
    integrationId: string | null;
    simOrder?: SimOrder;
    lines?: { sku: string; quantity: number }[];
    recipientName: string;
    postcode?: string;
  },
): Promise<PickedOrder> {
  const organizationId = picker.organizationId;
  const db = systemDb();
  const amazonOrderId = input.simOrder?.amazonOrderId ?? `999-${randomBytes(3).toString('hex')}`;
  const items =
    input.simOrder?.items.map((i) => ({
      channelLineId: i.orderItemId,
      sku: i.sellerSku,
      quantity: i.quantityOrdered,
      priceMinor: BigInt(i.unitPrice * i.quantityOrdered),
      title: i.title,
    })) ??
    (input.lines ?? []).map((l, n) => ({
      channelLineId: `${amazonOrderId}-${n + 1}`,
      sku: l.sku,
      quantity: l.quantity,
      priceMinor: 1500n * BigInt(l.quantity),
      title: `Item ${l.sku}`,
    }));
  const now = new Date();
  const order = await db.order.create({
    data: {
      organizationId,
      channel: input.integrationId ? 'AMAZON' : 'MANUAL',
      integrationId: input.integrationId,
      amazonOrderId,
      marketplaceId: input.simOrder?.marketplaceId ?? null,
      status: 'AWAITING_FULFILMENT',
      channelStatus: 'Unshipped',
      fulfilmentChannel: 'MERCHANT',
      purchasedAt: input.simOrder ? new Date(input.simOrder.purchaseDate) : now,
      channelUpdatedAt: input.simOrder ? new Date(input.simOrder.purchaseDate) : now,
      currency: 'GBP',
      lines: {
        create: items.map((i) => ({
          channelLineId: i.channelLineId,
          sku: i.sku,
          title: i.title,
          quantityOrdered: i.quantity,
          itemPriceMinor: i.priceMinor,
          currency: 'GBP',
        })),
      },
    },
    include: { lines: true },
  });
  const stored = await storeBuyerPii(systemContext(organizationId, ['orders.update']), {
    ownerType: 'order-recipient',
    ownerId: order.id,
    name: input.recipientName,
    addressLine1: '221B Baker Street',
    city: 'London',
    postcode: input.postcode ?? 'NW1 6XE',
    phone: '+44 20 7224 3688',
    countryCode: 'GB',
  });
  await db.order.update({
    where: { id: order.id },
    data: { piiRecordId: stored.recordId, piiStatus: 'STORED' },
  });

  const lines: PickedOrder['lines'] = [];
  for (const line of order.lines) {
    const existing = await db.product.findFirst({ where: { organizationId, sku: line.sku! } });
    const product =
      existing ??
      (await db.product.create({
        data: {
          organizationId,
          sku: line.sku!,
          name: line.title ?? line.sku!,
          barcode: nextGtin(),
          weightGrams: 250,
        },
      }));
    await receiveStock(picker, {
      locationId: shipping.binId,
      lines: [{ productId: product.id, quantity: line.quantityOrdered }],
    });
    lines.push({
      id: line.id,
      sku: line.sku!,
      channelLineId: line.channelLineId,
      quantity: line.quantityOrdered,
      barcode: product.barcode!,
    });
  }
  await allocateOrder(picker, order.id);
  const { pickLists } = await createPickList(picker, {
    warehouseId: shipping.warehouseId,
    kind: 'SINGLE',
    orderIds: [order.id],
  });
  const pickListId = pickLists[0]!.id;
  for (const task of (await getPickList(picker, { pickListId })).tasks) {
    await confirmPick(picker, {
      pickListId,
      locationId: task.locationId,
      productId: task.productId,
      lotId: task.lotId,
      scannedBin: task.locationCode,
      scannedItem: task.sku,
      quantity: task.open,
      scanId: crypto.randomUUID(),
    });
  }
  return { id: order.id, amazonOrderId, piiRecordId: stored.recordId, lines };
}
