// Data-subject requests on a buyer whose order went through the whole fulfilment flow: the access
// export (JSON, portability) holds the parcels with carrier and tracking number, the returns with
// their notes (decrypted), receipts and refunds; OBJECTION is its own request type, answered by
// erasure (notes and label files go with the buyer's details), and not by rectify or restrict.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { createFulfilledTenant, withCourierSimulator } from '../../tests/factories/fulfilled-order.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { eraseDsr, exportDsr, listDsrs, openDsr, rectifyDsr, setDsrRestriction } from './dsr.ts';

vi.setConfig({ testTimeout: 120_000 });

withCourierSimulator();
afterAll(() => resetTenantKeys());

const NOTES = {
  recipientName: 'Dora Dsr-Buyer',
  returnNote: 'Dora asked for a call back on +44 7700 900456',
  receiptNote: 'Returned with a letter from Dora',
};

describe('DSR completeness', () => {
  it('the access export holds shipments, tracking numbers, returns with notes, receipts and refunds', async () => {
    const t = await createFulfilledTenant(NOTES);
    const admin = await memberContext(t.organizationId, 'ADMIN');
    const { requestId } = await openDsr(
      admin,
      { kind: 'ACCESS', lookup: { orderId: t.order.id } },
      new Date(),
    );
    const exported = await exportDsr(admin, { requestId }, new Date());
    const shipment = await systemDb().shipment.findUniqueOrThrow({ where: { id: t.shipmentId } });
    const [record] = exported.records;
    expect(record!.recipient.name).toBe(NOTES.recipientName);
    const [order] = record!.orders;
    expect(order!.shipments).toEqual([
      {
        parcelNumber: 1,
        status: 'SHIPPED',
        carrier: shipment.carrier,
        service: 'TEST24',
        trackingNumber: shipment.trackingNumber,
        shippedAt: shipment.shippedAt!.toISOString(),
      },
    ]);
    expect(shipment.trackingNumber).toBeTruthy();
    expect(order!.returns).toHaveLength(1);
    expect(order!.returns[0]).toMatchObject({
      reason: 'DAMAGED',
      note: NOTES.returnNote,
      quantity: 1,
      receipts: [{ quantity: 1, disposition: 'RESTOCK', note: NOTES.receiptNote }],
      refunds: [{ amountMinor: '1500', currency: 'GBP', reason: 'damaged' }],
    });
    // Machine-readable: survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('an objection is its own request: not rectifiable or restrictable, answered by verified erasure', async () => {
    const t = await createFulfilledTenant(NOTES);
    const admin = await memberContext(t.organizationId, 'ADMIN');
    const { requestId } = await openDsr(
      admin,
      { kind: 'OBJECTION', lookup: { orderId: t.order.id } },
      new Date(),
    );
    await expect(
      rectifyDsr(admin, { requestId, recordId: t.order.piiRecordId, changes: { city: 'X' } }, new Date()),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(setDsrRestriction(admin, { requestId, restricted: true }, new Date())).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    expect(await eraseDsr(admin, { requestId }, new Date())).toEqual({ erased: 1, verified: true });
    const row = (await listDsrs(admin)).find((r) => r.id === requestId)!;
    expect(row).toMatchObject({ kind: 'OBJECTION', status: 'COMPLETED' });
    // The buyer's details went everywhere they were: vault, label files, return notes.
    const db = systemDb();
    expect(await db.shipmentLabel.count({ where: { shipmentId: t.shipmentId } })).toBe(0);
    const rma = await db.returnAuthorization.findUniqueOrThrow({ where: { id: t.returnId } });
    expect(rma.reasonNoteEnc).toBeNull();
    const again = await exportDsr(admin, { requestId }, new Date());
    expect(JSON.stringify(again)).not.toContain('Dora');
  });
});
