// The anonymiser with a controllable clock: exactly the due orders lose their PII (29/30/31 days
// after completion, per-org shorter policy, restricted records held), nothing else changes, and
// a batch that dies mid-way leaves nothing half-anonymised.
import { afterAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { findBuyerPiiRecords } from '../pii/find-buyer-pii-records.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import { createOrganization } from '../../tests/factories.ts';
import { createOrdersWithPii, daysBefore, privacyState } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { anonymiseDueOrders, countDueForAnonymisation } from './anonymise-buyer-pii.ts';
import { updateRetentionPolicy } from './retention-policy.ts';

afterAll(() => resetTenantKeys());

const NOW = new Date('2027-03-01T12:00:00.000Z');
const HOUR = 3600 * 1000;

async function setup() {
  const org = await createOrganization();
  const manager = await memberContext(org.id, 'MANAGER');
  const admin = await memberContext(org.id, 'ADMIN');
  return { org, manager, admin };
}

describe('anonymiser', () => {
  it('at 29 days keeps the PII, at 30 and 31 days erases it (ciphertexts and blind indexes), leaving every non-PII column', async () => {
    const { org, manager, admin } = await setup();
    const [d29, d30, d31, open, cancelled31] = await createOrdersWithPii(manager, [
      { shippedAt: daysBefore(NOW, 29) },
      { shippedAt: daysBefore(NOW, 30) },
      { shippedAt: daysBefore(NOW, 31) },
      // Not completed, ship-by 5 days ago: due 25 days from NOW.
      { status: 'AWAITING_FULFILMENT', purchasedAt: daysBefore(NOW, 7), latestShipAt: daysBefore(NOW, 5) },
      { cancelledAt: daysBefore(NOW, 31) },
    ]);
    const ids = [d29!, d30!, d31!, open!, cancelled31!].map((o) => o.id);
    const before = await privacyState(ids);

    const result = await anonymiseDueOrders(org.id, { now: NOW, batchSize: 2 });
    expect(result).toMatchObject({ anonymised: 3, left: 0 });

    const after = await privacyState(ids);
    expect(after.map((r) => [r.pii_status, r.has_ciphertext, r.has_index, r.anonymised])).toEqual([
      ['STORED', true, true, false], // 29 days: kept
      ['ANONYMISED', false, false, true], // 30 days: gone
      ['ANONYMISED', false, false, true], // 31 days: gone
      ['STORED', true, true, false], // not completed: kept
      ['ANONYMISED', false, false, true], // cancelled 31 days ago: gone
    ]);
    // Non-PII transactional data is untouched.
    expect(after.map((r) => [r.lines, r.events, r.total_minor])).toEqual(
      before.map((r) => [r.lines, r.events, r.total_minor]),
    );
    // The vault refuses the erased records and still reads the kept one.
    await expect(readBuyerPii(admin, d30!.piiRecordId, 'customer-service')).rejects.toMatchObject({
      code: 'GONE',
    });
    expect(await readBuyerPii(admin, d29!.piiRecordId, 'customer-service')).toMatchObject({
      city: 'Testville',
    });
    // The blind index no longer finds the erased buyer.
    const email31 = `${d31!.amazonOrderId.toLowerCase()}@buyer.example`;
    expect(await findBuyerPiiRecords(admin, { email: email31 })).toEqual([]);

    // Idempotent: a second run finds nothing; one hour later nothing new is due either.
    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 0, left: 0 });
    expect(await anonymiseDueOrders(org.id, { now: new Date(NOW.getTime() + HOUR) })).toMatchObject({
      anonymised: 0,
    });
    // The 29-day order becomes due a day later.
    expect(await anonymiseDueOrders(org.id, { now: new Date(NOW.getTime() + 24 * HOUR) })).toMatchObject({
      anonymised: 1,
    });
  });

  it('uses the organization’s shorter policy and leaves other organizations alone', async () => {
    const a = await setup();
    const b = await setup();
    await updateRetentionPolicy(a.admin, { piiRetentionDays: 7 });
    const [a6, a7] = await createOrdersWithPii(a.manager, [
      { completedAt: daysBefore(NOW, 6) },
      { completedAt: daysBefore(NOW, 7) },
    ]);
    const [b7, b30] = await createOrdersWithPii(b.manager, [
      { completedAt: daysBefore(NOW, 7) },
      { completedAt: daysBefore(NOW, 30) },
    ]);
    expect(await anonymiseDueOrders(a.org.id, { now: NOW })).toMatchObject({ anonymised: 1 });
    const state = await privacyState([a6!.id, a7!.id, b7!.id, b30!.id]);
    expect(state.map((r) => r.pii_status)).toEqual(['STORED', 'ANONYMISED', 'STORED', 'STORED']);
    expect(await anonymiseDueOrders(b.org.id, { now: NOW })).toMatchObject({ anonymised: 1 });
    expect((await privacyState([b7!.id, b30!.id])).map((r) => r.pii_status)).toEqual([
      'STORED',
      'ANONYMISED',
    ]);
  });

  it('refuses a policy above 30 days (and the database enforces it too)', async () => {
    const { org, admin, manager } = await setup();
    await expect(updateRetentionPolicy(admin, { piiRetentionDays: 31 })).rejects.toBeInstanceOf(ZodError);
    await expect(updateRetentionPolicy(admin, { piiRetentionDays: 90 })).rejects.toBeInstanceOf(ZodError);
    await expect(updateRetentionPolicy(admin, { piiRetentionDays: 0 })).rejects.toBeInstanceOf(ZodError);
    await expect(updateRetentionPolicy(manager, { piiRetentionDays: 10 })).rejects.toBeInstanceOf(AppError);
    for (const days of [31, 90]) {
      await expect(
        systemDb().organization.update({ where: { id: org.id }, data: { piiRetentionDays: days } }),
      ).rejects.toThrow(/pii_retention_days_range/);
    }
    expect(await updateRetentionPolicy(admin, { piiRetentionDays: 10 })).toMatchObject({
      piiRetentionDays: 10,
    });
    expect(await updateRetentionPolicy(admin, { piiRetentionDays: 30 })).toMatchObject({
      piiRetentionDays: 30,
    });
    const events = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({
        where: { action: 'privacy.retention_policy_changed' },
        orderBy: { seq: 'asc' },
      }),
    );
    expect(events.map((e) => e.metadata)).toEqual([
      { from: 30, to: 10 },
      { from: 10, to: 30 },
    ]);
  });

  it('holds restricted records until the restriction is lifted', async () => {
    const { org, manager } = await setup();
    const [restricted, free] = await createOrdersWithPii(manager, [
      { completedAt: daysBefore(NOW, 40) },
      { completedAt: daysBefore(NOW, 40) },
    ]);
    await systemDb().piiRecord.update({
      where: { id: restricted!.piiRecordId },
      data: { restrictedAt: NOW },
    });
    expect(await countDueForAnonymisation(org.id, NOW)).toMatchObject({ due: 2, restricted: 1 });
    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 1, left: 0 });
    expect((await privacyState([restricted!.id, free!.id])).map((r) => r.pii_status)).toEqual([
      'STORED',
      'ANONYMISED',
    ]);
    await systemDb().piiRecord.update({
      where: { id: restricted!.piiRecordId },
      data: { restrictedAt: null },
    });
    expect(await anonymiseDueOrders(org.id, { now: NOW })).toMatchObject({ anonymised: 1 });
    expect((await privacyState([restricted!.id])).map((r) => r.has_ciphertext)).toEqual([false]);
  });

  it('a batch that dies after its UPDATE rolls back whole; the rerun finishes and nothing is half-anonymised', async () => {
    const { org, manager } = await setup();
    const orders = await createOrdersWithPii(
      manager,
      Array.from({ length: 25 }, (_, i) => ({ completedAt: daysBefore(NOW, 31 + i) })),
    );
    let batches = 0;
    await expect(
      anonymiseDueOrders(org.id, {
        now: NOW,
        batchSize: 10,
        afterStatement: async () => {
          batches += 1;
          if (batches === 2) throw new Error('killed mid-batch');
        },
      }),
    ).rejects.toThrow('killed mid-batch');
    const midway = await privacyState(orders.map((o) => o.id));
    // The first batch committed, the second rolled back as a whole.
    expect(midway.filter((r) => r.pii_status === 'ANONYMISED')).toHaveLength(10);
    for (const r of midway) {
      const erased = r.pii_status === 'ANONYMISED';
      expect([r.has_ciphertext, r.has_index, r.anonymised]).toEqual([!erased, !erased, erased]);
    }
    expect(await anonymiseDueOrders(org.id, { now: NOW, batchSize: 10 })).toMatchObject({
      anonymised: 15,
      left: 0,
    });
    const end = await privacyState(orders.map((o) => o.id));
    expect(end.every((r) => r.pii_status === 'ANONYMISED' && !r.has_ciphertext && !r.has_index)).toBe(true);
  });
});
