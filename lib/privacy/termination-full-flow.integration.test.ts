// Termination, hard delete, restore and return notes on tenants that have been through the whole
// fulfilment flow (pick list, shipment with label files, return with receipt and refund): the
// RESTRICT foreign keys from pick-list rows must not stop either delete half-way, keys go last,
// and another tenant keeps everything.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { createPickList } from '../fulfilment/create-pick-list.ts';
import { listBackorders } from '../inventory/list-backorders.ts';
import { allocateOrder } from '../inventory/reserve-stock.ts';
import { eraseBuyerPiiRecords } from '../pii/erase-buyer-pii.ts';
import { getReturn } from '../returns/get-return.ts';
import {
  createFulfilledTenant,
  withCourierSimulator,
  type FulfilledTenant,
} from '../../tests/factories/fulfilled-order.ts';
import {
  findDeletedOrder,
  purgeDeletedOrders,
  restoreOrder,
  softDeleteOrder,
} from './purge-deleted-orders.ts';
import { terminateOrganization } from './terminate-organization.ts';

vi.setConfig({ testTimeout: 120_000 });

const DAY = 24 * 3600 * 1000;

withCourierSimulator();
afterAll(() => resetTenantKeys());

const NOTES = {
  recipientName: 'Canary Terminate-Buyer',
  returnNote: 'Buyer Canary Terminate-Buyer rang from +44 7700 900123',
  receiptNote: 'Parcel from 9 Canary Lane arrived torn',
};

/** Rows of the organization in every table an order reaches. */
async function orderFootprint(organizationId: string) {
  const db = systemDb();
  const where = { organizationId };
  return {
    orders: await db.order.count({ where }),
    orderLines: await db.orderLine.count({ where }),
    statusEvents: await db.orderStatusEvent.count({ where }),
    pickLists: await db.pickList.count({ where }),
    pickListOrders: await db.pickListOrder.count({ where }),
    pickListLines: await db.pickListLine.count({ where }),
    shipments: await db.shipment.count({ where }),
    shipmentItems: await db.shipmentItem.count({ where }),
    labels: await db.shipmentLabel.count({ where }),
    returns: await db.returnAuthorization.count({ where }),
    receipts: await db.returnReceipt.count({ where }),
    refunds: await db.returnRefund.count({ where }),
    vault: await db.piiRecord.count({ where }),
  };
}

describe('termination of a tenant that has been through the whole fulfilment flow', () => {
  let doomed: FulfilledTenant;
  let other: FulfilledTenant;
  beforeAll(async () => {
    doomed = await createFulfilledTenant(NOTES);
    other = await createFulfilledTenant(NOTES);
  });

  it('deletes every order row with its pick lists, shipments, labels and returns, then destroys the keys; the other tenant keeps all', async () => {
    const before = await orderFootprint(doomed.organizationId);
    // The flow really left a row in every table.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const otherBefore = await orderFootprint(other.organizationId);

    const result = await terminateOrganization(doomed.organizationId, { type: 'SYSTEM', id: null });
    expect(result.keysDestroyed).toBeGreaterThanOrEqual(2); // buyer-pii and credentials
    expect(result.deleted).toMatchObject({
      orders: before.orders,
      pick_list_lines: before.pickListLines,
      shipment_labels: before.labels,
      return_authorizations: before.returns,
      carrier_accounts: 1,
    });
    expect(Object.values(await orderFootprint(doomed.organizationId)).every((n) => n === 0)).toBe(true);
    const db = systemDb();
    expect(await db.membership.count({ where: { organizationId: doomed.organizationId } })).toBe(0);
    expect(await db.credential.count({ where: { organizationId: doomed.organizationId } })).toBe(0);
    expect(
      await db.dataKey.count({ where: { organizationId: doomed.organizationId, wrappedKey: { not: null } } }),
    ).toBe(0);
    // Keys last: the key destruction is audited after the deletes committed, the termination after both.
    const actions = await withTenant(doomed.organizationId, (tx) =>
      tx.auditEvent.findMany({ orderBy: { seq: 'desc' }, take: 2, select: { action: true } }),
    );
    expect(actions.map((a) => a.action)).toEqual(['organization.terminated', 'data_key.destroyed']);
    expect(
      (await withTenant(doomed.organizationId, (tx) => verifyAuditChain(tx, doomed.organizationId))).ok,
    ).toBe(true);
    // The ledger stays (no personal data, append-only).
    expect(
      await db.stockMovement.count({ where: { organizationId: doomed.organizationId } }),
    ).toBeGreaterThan(0);
    expect(await orderFootprint(other.organizationId)).toEqual(otherBefore);
    // A retry (the worker's next attempt) finishes quietly.
    const again = await terminateOrganization(doomed.organizationId, { type: 'SYSTEM', id: null });
    expect([again.keysDestroyed, again.deleted.orders]).toEqual([0, 0]);
  });
});

describe('order soft delete, restore and hard delete on a fulfilled order', () => {
  it('restores a deleted order; after 90 days deletes it with its pick-list rows, shipment, labels and returns', async () => {
    const t = await createFulfilledTenant(NOTES);
    const deletedAt = new Date();
    const { hardDeleteAfter } = await softDeleteOrder(t.owner, { orderId: t.order.id }, deletedAt);
    expect(hardDeleteAfter).toEqual(new Date(deletedAt.getTime() + 90 * DAY));
    expect(await findDeletedOrder(t.owner, t.order.id)).toMatchObject({ id: t.order.id, deletedAt });
    await restoreOrder(t.owner, { orderId: t.order.id });
    expect(await findDeletedOrder(t.owner, t.order.id)).toBeNull();
    await expect(restoreOrder(t.owner, { orderId: t.order.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await softDeleteOrder(t.owner, { orderId: t.order.id }, deletedAt);
    const before = await orderFootprint(t.organizationId);
    expect(
      await purgeDeletedOrders(t.organizationId, { now: new Date(deletedAt.getTime() + 89 * DAY) }),
    ).toEqual({
      deleted: 0,
    });
    expect(
      await purgeDeletedOrders(t.organizationId, { now: new Date(deletedAt.getTime() + 90 * DAY) }),
    ).toEqual({
      deleted: 1,
    });
    expect(before.pickListLines).toBeGreaterThan(0);
    expect(Object.values(await orderFootprint(t.organizationId)).every((n) => n === 0)).toBe(true);
    await expect(restoreOrder(t.owner, { orderId: t.order.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to delete an order on an open pick list (409) and releases the stock of an allocated one', async () => {
    const t = await createFulfilledTenant(NOTES);
    const db = systemDb();
    const product = await db.product.findFirstOrThrow({ where: { organizationId: t.organizationId } });
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: t.order.id } });
    const warehouse = await db.warehouse.findFirstOrThrow({ where: { organizationId: t.organizationId } });
    // A second order for the same product: allocated (the restocked unit), then put on a list.
    const second = await db.order.create({
      data: {
        organizationId: t.organizationId,
        channel: 'MANUAL',
        amazonOrderId: `DEL-${crypto.randomUUID().slice(0, 8)}`,
        status: 'AWAITING_FULFILMENT',
        channelStatus: 'Unshipped',
        fulfilmentChannel: 'MERCHANT',
        purchasedAt: new Date(),
        channelUpdatedAt: new Date(),
        lines: { create: [{ channelLineId: 'L1', sku: line.sku, quantityOrdered: 1 }] },
      },
    });
    await allocateOrder(t.owner, second.id);
    const reserved = async () =>
      (await db.stockLevel.aggregate({ where: { productId: product.id }, _sum: { reservedQuantity: true } }))
        ._sum.reservedQuantity;
    expect(await reserved()).toBe(1);
    const { pickLists } = await createPickList(t.owner, {
      warehouseId: warehouse.id,
      kind: 'SINGLE',
      orderIds: [second.id],
    });
    await expect(softDeleteOrder(t.owner, { orderId: second.id }, new Date())).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await db.pickListOrder.updateMany({ where: { pickListId: pickLists[0]!.id }, data: { active: false } });
    await softDeleteOrder(t.owner, { orderId: second.id }, new Date());
    expect(await reserved()).toBe(0);
    expect(await db.stockAllocation.count({ where: { orderId: second.id } })).toBe(0);
    // Its open line is not a backorder: the order is gone for the merchant.
    expect((await listBackorders(t.owner)).map((b) => b.orderId)).not.toContain(second.id);
  });
});

describe('return notes', () => {
  it('are stored encrypted, shown decrypted on the return, and erased with the order’s buyer details', async () => {
    const t = await createFulfilledTenant(NOTES);
    const rows = await systemDb().$queryRaw<{ row: string }[]>`
      SELECT row_to_json(r)::text AS row FROM return_authorizations r WHERE id = ${t.returnId}::uuid
      UNION ALL SELECT row_to_json(rr)::text FROM return_receipts rr WHERE return_id = ${t.returnId}::uuid`;
    expect(rows).toHaveLength(2);
    for (const { row } of rows) {
      expect(row).not.toContain('Canary');
      expect(row).not.toContain('7700');
    }
    const shown = await getReturn(t.owner, t.returnId);
    expect(shown.reasonNote).toBe(NOTES.returnNote);
    expect(shown.receipts.map((r) => r.note)).toEqual([NOTES.receiptNote]);

    await withTenant(t.organizationId, (tx) =>
      eraseBuyerPiiRecords(tx, t.organizationId, [t.order.piiRecordId], new Date()),
    );
    const erased = await systemDb().returnAuthorization.findUniqueOrThrow({
      where: { id: t.returnId },
      include: { receipts: true },
    });
    expect([erased.reasonNoteEnc, erased.noteKeyVersion]).toEqual([null, null]);
    expect(erased.receipts.map((r) => [r.noteEnc, r.noteKeyVersion])).toEqual([[null, null]]);
    const after = await getReturn(t.owner, t.returnId);
    expect([after.reasonNote, after.receipts[0]!.note]).toEqual([null, null]);
  });
});
