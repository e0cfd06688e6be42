// Every order's buyer PII has a due date (docs/decisions/0010-pii-due-dates-and-order-holds.md):
// orders that never complete are due from their latest ship date (else purchase), orders of a
// disconnected integration from the disconnect, whichever comes first; the anonymiser and the
// evidence figures use it, and both move with a controllable clock.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeQueues } from '../jobs/queues.ts';
import { closeAmazonRedis } from '../channels/amazon/amazon-redis.ts';
import { disconnectAmazon } from '../channels/amazon/disconnect-amazon.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { withTenant } from '../db/tenant.ts';
import {
  createOrdersWithPii,
  createPrivacyTenant,
  daysBefore,
  privacyState,
} from '../../tests/factories/orders.ts';
import { anonymiseDueOrders } from './anonymise-buyer-pii.ts';
import { evidenceFigures, getComplianceEvidence } from './compliance-evidence.ts';
import { getRetentionOverview } from './retention-overview.ts';

vi.setConfig({ testTimeout: 120_000 });
afterAll(async () => {
  resetTenantKeys();
  await closeQueues();
  await closeAmazonRedis();
});

const DAY = 86_400_000;
const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * DAY);

describe('buyer PII due dates', () => {
  it('orders that never complete are due from their ship-by date, else purchase; anonymiser and evidence agree as the clock moves', async () => {
    const { org, manager, admin } = await createPrivacyTenant();
    const NOW = new Date('2027-03-01T12:00:00.000Z');
    const [pending, toShip, unfulfillable, shipped] = await createOrdersWithPii(manager, [
      // Pending, no ship-by: due 30 days after purchase (10 days ago).
      { status: 'PENDING', purchasedAt: daysBefore(NOW, 40), latestShipAt: null },
      // To ship, ship-by 35 days ago: due 5 days ago.
      { status: 'AWAITING_FULFILMENT', purchasedAt: daysBefore(NOW, 40), latestShipAt: daysBefore(NOW, 35) },
      // Unfulfillable, ship-by 18 days ago: due in 12 days.
      { status: 'UNFULFILLABLE', purchasedAt: daysBefore(NOW, 20), latestShipAt: daysBefore(NOW, 18) },
      // Shipped 29 days ago: due tomorrow.
      { shippedAt: daysBefore(NOW, 29) },
    ]);
    const ids = [pending!.id, toShip!.id, unfulfillable!.id, shipped!.id];

    const before = await getComplianceEvidence(admin, NOW);
    expect(before.retention).toMatchObject({
      ordersHoldingPii: 4,
      recordsPastDue: 2,
      earliestDueAt: daysAfter(daysBefore(NOW, 40), 30).toISOString(),
      earliestDueInDays: -10,
      uncompleted: {
        ordersHoldingPii: 3,
        pastDue: 2,
        earliestDueAt: daysAfter(daysBefore(NOW, 40), 30).toISOString(),
      },
    });
    const figures = Object.fromEntries(evidenceFigures(before).map((f) => [f.key, f]));
    expect(figures['past-due']).toMatchObject({ value: '2', ok: false });
    expect(figures['uncompleted']).toMatchObject({ ok: false });
    expect(figures['oldest-pii']!.value).toMatch(/10 days overdue/);
    const overview = await getRetentionOverview(admin, NOW);
    expect(overview.rules.find((r) => r.rule === 'ANONYMISE_BUYER_PII')).toMatchObject({ dueNow: 2 });

    // The clock moves: 13 days later the unfulfillable order and the shipped one are due too.
    expect((await getComplianceEvidence(admin, daysAfter(NOW, 13))).retention.recordsPastDue).toBe(4);

    // The anonymiser erases exactly the two due at NOW.
    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 2, left: 0 });
    expect((await privacyState(ids)).map((r) => [r.pii_status, r.has_ciphertext])).toEqual([
      ['ANONYMISED', false],
      ['ANONYMISED', false],
      ['STORED', true],
      ['STORED', true],
    ]);
    const after = await getComplianceEvidence(admin, NOW);
    expect(after.retention).toMatchObject({
      recordsPastDue: 0,
      uncompleted: { ordersHoldingPii: 1, pastDue: 0 },
      // The shipped order, due tomorrow.
      earliestDueInDays: 1,
    });
    expect(
      evidenceFigures(after)
        .filter((f) => !f.ok)
        .map((f) => f.key),
    ).not.toContain('past-due');

    // A sync that moves the ship-by date moves the due date with it (trigger on the order).
    await withTenant(org.id, (tx) =>
      tx.order.update({ where: { id: unfulfillable!.id }, data: { latestShipAt: daysBefore(NOW, 31) } }),
    );
    expect((await getComplianceEvidence(admin, NOW)).retention.recordsPastDue).toBe(1);
    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 1 });
  });

  it('a stored order without a due date (stored before the column existed) counts as past due until the next run gives it one', async () => {
    const { org, manager, admin } = await createPrivacyTenant();
    const NOW = new Date('2027-03-01T12:00:00.000Z');
    const [recent, old] = await createOrdersWithPii(manager, [
      { shippedAt: daysBefore(NOW, 5) },
      { shippedAt: daysBefore(NOW, 45) },
    ]);
    const { systemDb } = await import('../db/system.ts');
    await systemDb().order.updateMany({
      where: { id: { in: [recent!.id, old!.id] } },
      data: { piiDueAt: null },
    });
    expect((await getComplianceEvidence(admin, NOW)).retention.recordsPastDue).toBe(2);
    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 1, left: 0 });
    expect((await privacyState([recent!.id, old!.id])).map((r) => r.pii_status)).toEqual([
      'STORED',
      'ANONYMISED',
    ]);
    expect((await getComplianceEvidence(admin, NOW)).retention).toMatchObject({
      recordsPastDue: 0,
      earliestDueAt: daysAfter(daysBefore(NOW, 5), 30).toISOString(),
    });
  });

  it('orders of a disconnected integration are due from the disconnect, if that comes first', async () => {
    const { org, manager, admin } = await createPrivacyTenant();
    const integrationId = await withTenant(org.id, async (tx) => {
      const row = await tx.amazonIntegration.create({
        data: {
          organizationId: org.id,
          sellingPartnerId: `A${crypto.randomUUID().slice(0, 12).toUpperCase()}`,
          region: 'eu',
          marketplaceIds: ['A1PA6795UKMFR9'],
          connectMethod: 'SELF_AUTHORIZATION',
        },
        select: { id: true },
      });
      return row.id;
    });
    const now = new Date();
    // Bought yesterday, ship-by in 20 days: normally due in 50 days.
    const [order, manual] = await createOrdersWithPii(manager, [
      {
        status: 'AWAITING_FULFILMENT',
        purchasedAt: daysBefore(now, 1),
        latestShipAt: daysAfter(now, 20),
        integrationId,
      },
      { status: 'AWAITING_FULFILMENT', purchasedAt: daysBefore(now, 1), latestShipAt: daysAfter(now, 20) },
    ]);
    const at31 = daysAfter(now, 31);
    expect((await getComplianceEvidence(admin, at31)).retention).toMatchObject({
      recordsPastDue: 0,
      disconnected: { ordersHoldingPii: 0, pastDue: 0 },
    });

    await disconnectAmazon(admin, { integrationId });
    const evidence = await getComplianceEvidence(admin, at31);
    expect(evidence.retention).toMatchObject({
      recordsPastDue: 1,
      disconnected: { ordersHoldingPii: 1, pastDue: 1 },
    });
    expect(evidenceFigures(evidence).find((f) => f.key === 'disconnected')).toMatchObject({
      value: '1 · 1 past due',
      ok: false,
    });
    // Not yet due 29 days after the disconnect; due at 31.
    expect(await anonymiseDueOrders(org.id, { now: daysAfter(now, 29) })).toMatchObject({ anonymised: 0 });
    expect(await anonymiseDueOrders(org.id, { now: at31 })).toMatchObject({ anonymised: 1 });
    expect((await privacyState([order!.id, manual!.id])).map((r) => r.pii_status)).toEqual([
      'ANONYMISED',
      'STORED',
    ]);
  });
});
