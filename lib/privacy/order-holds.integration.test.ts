// Order holds (docs/decisions/0010-pii-due-dates-and-order-holds.md): a hold with a written reason
// keeps one order's buyer PII up to 90 days after shipment (a legal hold until released); an open
// return does the same without a row; releasing / closing brings the normal due date back. Audited,
// listed on the privacy screen and in the evidence, invisible to other tenants.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { withTenant } from '../db/tenant.ts';
import { closeReturn } from '../returns/close-return.ts';
import { createReturn } from '../returns/create-return.ts';
import { createTestProduct } from '../../tests/factories/inventory.ts';
import {
  createOrdersWithPii,
  createPrivacyTenant,
  daysBefore,
  privacyState,
} from '../../tests/factories/orders.ts';
import { anonymiseDueOrders } from './anonymise-buyer-pii.ts';
import { getComplianceEvidence } from './compliance-evidence.ts';
import { getOrderRetention, listActiveHolds, placeOrderHold, releaseOrderHold } from './order-holds.ts';

vi.setConfig({ testTimeout: 120_000 });
afterAll(() => resetTenantKeys());

const DAY = 86_400_000;
const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * DAY);
const NOW = new Date('2027-03-01T12:00:00.000Z');

const dueOf = async (ctx: Parameters<typeof getOrderRetention>[0], orderId: string) =>
  (await getOrderRetention(ctx, orderId)).piiDueAt?.toISOString() ?? null;

describe('order holds', () => {
  it('keep one order up to 90 days after shipment, a legal hold until released; release restores the normal due date; audited', async () => {
    const { org, manager, admin } = await createPrivacyTenant();
    const shipped40 = daysBefore(NOW, 40);
    const [disputed, tooOld, legal, late, free] = await createOrdersWithPii(manager, [
      { shippedAt: shipped40 },
      { shippedAt: daysBefore(NOW, 100) },
      { shippedAt: shipped40 },
      { shippedAt: shipped40 },
      { shippedAt: shipped40 },
    ]);
    // The shipped orders are stamped complete by the run; stamp them first so the due dates show it.
    expect(await anonymiseDueOrders(org.id, { now: daysBefore(NOW, 100) })).toMatchObject({ anonymised: 0 });
    expect(await dueOf(manager, disputed!.id)).toBe(daysAfter(shipped40, 30).toISOString());

    const dispute = await placeOrderHold(
      manager,
      { orderId: disputed!.id, kind: 'DISPUTE', reason: 'Buyer opened an A-to-z claim' },
      NOW,
    );
    expect(await dueOf(manager, disputed!.id)).toBe(daysAfter(shipped40, 90).toISOString());
    await placeOrderHold(
      manager,
      { orderId: tooOld!.id, kind: 'DISPUTE', reason: 'Chargeback pending' },
      NOW,
    );
    const lateHold = await placeOrderHold(
      manager,
      { orderId: late!.id, kind: 'LATE_FULFILMENT', reason: 'Replacement part on backorder' },
      NOW,
    );
    // A legal hold needs privacy.manage.
    await expect(
      placeOrderHold(manager, { orderId: legal!.id, kind: 'LEGAL', reason: 'Court order 12/2027' }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const legalHold = await placeOrderHold(
      admin,
      { orderId: legal!.id, kind: 'LEGAL', reason: 'Court order 12/2027' },
      NOW,
    );
    expect(await dueOf(manager, legal!.id)).toBeNull();
    // One active hold per kind; a reason is required.
    await expect(
      placeOrderHold(manager, { orderId: disputed!.id, kind: 'DISPUTE', reason: 'Second claim' }, NOW),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      placeOrderHold(manager, { orderId: free!.id, kind: 'DISPUTE', reason: '  ' }, NOW),
    ).rejects.toBeInstanceOf(ZodError);

    // Releasing the late-fulfilment hold brings its normal due date (10 days ago) back.
    await releaseOrderHold(manager, { holdId: lateHold.id }, NOW);
    expect(await dueOf(manager, late!.id)).toBe(daysAfter(shipped40, 30).toISOString());
    await expect(releaseOrderHold(manager, { holdId: lateHold.id }, NOW)).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // Evidence: held orders are not past due; a hold older than 90 days after shipment is.
    const evidence = await getComplianceEvidence(admin, NOW);
    expect(evidence.retention).toMatchObject({
      recordsPastDue: 3, // tooOld, late (released), free
      holds: { active: 3, byKind: { DISPUTE: 2, LEGAL: 1, LATE_FULFILMENT: 0, RETURN: 0 } },
    });
    expect(evidence.retention.holds.items.map((h) => [h.orderId, h.kind, h.piiDueAt]).sort()).toEqual(
      [
        [disputed!.id, 'DISPUTE', daysAfter(shipped40, 90).toISOString()],
        [tooOld!.id, 'DISPUTE', daysAfter(daysBefore(NOW, 100), 90).toISOString()],
        [legal!.id, 'LEGAL', null],
      ].sort(),
    );
    // Reasons are staff's free text: on the privacy screen, never in the evidence export.
    expect(JSON.stringify(evidence)).not.toContain('A-to-z');
    const screen = await listActiveHolds(admin);
    expect(screen.items.find((h) => h.holdId === dispute.id)).toMatchObject({
      reason: 'Buyer opened an A-to-z claim',
      kind: 'DISPUTE',
    });
    await expect(listActiveHolds(manager)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 3 });
    const ids = [disputed!.id, tooOld!.id, legal!.id, late!.id, free!.id];
    expect((await privacyState(ids)).map((r) => r.pii_status)).toEqual([
      'STORED',
      'ANONYMISED',
      'STORED',
      'ANONYMISED',
      'ANONYMISED',
    ]);
    // 91 days after shipment the dispute hold no longer keeps the data; the legal hold still does.
    expect(await anonymiseDueOrders(org.id, { now: daysAfter(shipped40, 91) })).toMatchObject({
      anonymised: 1,
    });
    expect(await anonymiseDueOrders(org.id, { now: daysAfter(NOW, 400) })).toMatchObject({ anonymised: 0 });
    await releaseOrderHold(admin, { holdId: legalHold.id }, daysAfter(NOW, 400));
    expect(await anonymiseDueOrders(org.id, { now: daysAfter(NOW, 400) })).toMatchObject({ anonymised: 1 });

    const audit = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({
        where: { action: { in: ['order.hold_placed', 'order.hold_released'] } },
        orderBy: { seq: 'asc' },
        select: { action: true, targetId: true, metadata: true },
      }),
    );
    expect(audit.map((a) => [a.action, a.targetId, (a.metadata as { kind: string }).kind])).toEqual([
      ['order.hold_placed', disputed!.id, 'DISPUTE'],
      ['order.hold_placed', tooOld!.id, 'DISPUTE'],
      ['order.hold_placed', late!.id, 'LATE_FULFILMENT'],
      ['order.hold_placed', legal!.id, 'LEGAL'],
      ['order.hold_released', late!.id, 'LATE_FULFILMENT'],
      ['order.hold_released', legal!.id, 'LEGAL'],
    ]);
  });

  it('an open return holds its order without a row; closing it restores the normal due date', async () => {
    const { org, manager, admin, warehouse } = await createPrivacyTenant();
    await createTestProduct(org.id, { sku: 'SKU-1' });
    const shippedAt = new Date(Date.now() - 25 * DAY);
    const [order] = await createOrdersWithPii(manager, [{ shippedAt }]);
    await anonymiseDueOrders(org.id, { now: new Date() });
    const line = await withTenant(org.id, (tx) =>
      tx.orderLine.findFirstOrThrow({ where: { orderId: order!.id }, select: { id: true } }),
    );
    const rma = await createReturn(warehouse, { orderLineId: line.id, quantity: 1, reason: 'DAMAGED' });
    const view = await getOrderRetention(manager, order!.id);
    expect(view.openReturns).toBe(1);
    expect(view.piiDueAt?.toISOString()).toBe(daysAfter(shippedAt, 90).toISOString());
    const at40 = daysAfter(shippedAt, 40);
    expect((await getComplianceEvidence(admin, at40)).retention).toMatchObject({
      recordsPastDue: 0,
      holds: { active: 1, byKind: { RETURN: 1 }, items: [{ orderId: order!.id, kind: 'RETURN' }] },
    });
    expect(await anonymiseDueOrders(org.id, { now: at40 })).toMatchObject({ anonymised: 0 });

    const returnId = (
      await withTenant(org.id, (tx) =>
        tx.returnAuthorization.findFirstOrThrow({ where: { number: rma.number }, select: { id: true } }),
      )
    ).id;
    await closeReturn(warehouse, { returnId });
    expect(await dueOf(manager, order!.id)).toBe(daysAfter(shippedAt, 30).toISOString());
    expect((await getComplianceEvidence(admin, at40)).retention).toMatchObject({
      recordsPastDue: 1,
      holds: { active: 0 },
    });
    expect(await anonymiseDueOrders(org.id, { now: at40 })).toMatchObject({ anonymised: 1 });
  });

  it('another tenant can neither see, place nor release a hold, and RLS hides the rows', async () => {
    const a = await createPrivacyTenant();
    const b = await createPrivacyTenant();
    const [order] = await createOrdersWithPii(a.manager, [{ shippedAt: daysBefore(NOW, 10) }]);
    const hold = await placeOrderHold(
      a.manager,
      { orderId: order!.id, kind: 'DISPUTE', reason: 'Claim under review' },
      NOW,
    );
    await expect(
      placeOrderHold(b.admin, { orderId: order!.id, kind: 'DISPUTE', reason: 'Not mine to hold' }, NOW),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(releaseOrderHold(b.admin, { holdId: hold.id }, NOW)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getOrderRetention(b.admin, order!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listActiveHolds(b.admin)).items).toEqual([]);
    expect((await getComplianceEvidence(b.admin, NOW)).retention.holds.active).toBe(0);
    expect(await withTenant(b.org.id, (tx) => tx.orderHold.count())).toBe(0);
    await expect(
      withTenant(b.org.id, (tx) =>
        tx.orderHold.create({
          data: {
            organizationId: a.org.id,
            orderId: order!.id,
            kind: 'LEGAL',
            reason: 'Forged from another tenant',
            placedByType: 'SYSTEM',
            placedAt: NOW,
          },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await listActiveHolds(a.admin)).items.map((h) => h.holdId)).toEqual([hold.id]);
  });
});
