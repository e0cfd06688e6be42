// Data-subject requests: find by order id / email / phone, export all and only that buyer's data,
// rectify, erase with verification, restrict and lift — each a record with deadline and evidence.
import { afterAll, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { readBuyerPii } from '../pii/read-buyer-pii.ts';
import { createOrganization } from '../../tests/factories.ts';
import { createOrdersWithPii, daysBefore, privacyState } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { anonymiseDueOrders } from './anonymise-buyer-pii.ts';
import { eraseDsr, exportDsr, listDsrs, openDsr, rectifyDsr, setDsrRestriction } from './dsr.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

afterAll(() => resetTenantKeys());

const NOW = new Date('2027-02-01T10:00:00.000Z');

async function setup() {
  const org = await createOrganization();
  const manager = await memberContext(org.id, 'MANAGER');
  const admin = await memberContext(org.id, 'ADMIN');
  const [alice1, alice2, bob] = await createOrdersWithPii(manager, [
    { buyer: { name: 'Alice Able', email: 'alice@example.com', phone: '+49 30 1111111' } },
    { buyer: { name: 'Alice Able', email: 'Alice@Example.com', phone: '+49 30 2222222' } },
    { buyer: { name: 'Bob Baker', email: 'bob@example.com', phone: '+49 30 3333333' } },
  ]);
  return { org, manager, admin, alice1: alice1!, alice2: alice2!, bob: bob! };
}

describe('data-subject requests', () => {
  it('exports all and only the buyer’s data as JSON, and records the request with a 30-day deadline', async () => {
    const { org, admin, alice1, alice2, bob } = await setup();
    const opened = await openDsr(admin, { kind: 'ACCESS', lookup: { email: 'ALICE@example.com' } }, NOW);
    expect(opened.records).toBe(2);
    expect(opened.dueAt).toEqual(new Date('2027-03-03T10:00:00.000Z'));
    const exported = await exportDsr(admin, { requestId: opened.requestId }, NOW);
    const json = JSON.stringify(exported);
    expect(exported.records.map((r) => r.recordId).sort()).toEqual(
      [alice1.piiRecordId, alice2.piiRecordId].sort(),
    );
    expect(exported.records.flatMap((r) => r.orders.map((o) => o.orderId)).sort()).toEqual(
      [alice1.id, alice2.id].sort(),
    );
    expect(exported.records.every((r) => r.recipient.name === 'Alice Able')).toBe(true);
    expect(exported.records[0]!.orders[0]!.lines).toHaveLength(1);
    expect(json).not.toContain('Bob');
    expect(json).not.toContain(bob.id);
    const [row] = await listDsrs(admin);
    expect(row).toMatchObject({ kind: 'ACCESS', status: 'COMPLETED', handledByUserId: admin.actor.id });
    expect(row!.evidence).toMatchObject({ lookup: 'email', recordsFound: 2, exportedRecords: 2 });
    // The request row holds no PII.
    const raw = await systemDb().dataSubjectRequest.findUniqueOrThrow({ where: { id: opened.requestId } });
    expect(JSON.stringify(raw)).not.toMatch(/alice|example\.com/i);
    const actions = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ where: { targetId: opened.requestId }, select: { action: true } }),
    );
    expect(actions.map((a) => a.action)).toEqual(['dsr.opened', 'dsr.exported']);
  });

  it('finds by order id and by phone', async () => {
    const { admin, alice1, bob } = await setup();
    expect(
      (await openDsr(admin, { kind: 'ACCESS', lookup: { orderId: bob.amazonOrderId } }, NOW)).records,
    ).toBe(1);
    expect((await openDsr(admin, { kind: 'ACCESS', lookup: { orderId: alice1.id } }, NOW)).records).toBe(1);
    expect((await openDsr(admin, { kind: 'ACCESS', lookup: { phone: '+49 30 3333333' } }, NOW)).records).toBe(
      1,
    );
    await expectInvalidInput(
      openDsr(admin, { kind: 'ACCESS', lookup: { email: 'not an email' } }, NOW),
      'lookup.email',
    );
  });

  it('erasure leaves no decryptable PII for that buyer, verifies by re-scan, is recorded, and leaves others alone', async () => {
    const { admin, alice1, alice2, bob } = await setup();
    const { requestId } = await openDsr(
      admin,
      { kind: 'ERASURE', lookup: { email: 'alice@example.com' } },
      NOW,
    );
    const result = await eraseDsr(admin, { requestId, recheck: { email: 'alice@example.com' } }, NOW);
    expect(result).toEqual({ erased: 2, verified: true });
    const state = await privacyState([alice1.id, alice2.id, bob.id]);
    expect(state.map((r) => [r.pii_status, r.has_ciphertext, r.has_index])).toEqual([
      ['ANONYMISED', false, false],
      ['ANONYMISED', false, false],
      ['STORED', true, true],
    ]);
    await expect(readBuyerPii(admin, alice1.piiRecordId, 'customer-service')).rejects.toMatchObject({
      code: 'GONE',
    });
    expect((await readBuyerPii(admin, bob.piiRecordId, 'customer-service')).name).toBe('Bob Baker');
    const row = (await listDsrs(admin)).find((r) => r.id === requestId)!;
    expect(row.status).toBe('COMPLETED');
    expect(row.evidence).toMatchObject({
      erasedRecords: 2,
      recordsStillHoldingPii: 0,
      rescanMatches: 0,
      verified: true,
    });
  });

  it('restriction holds the records from the anonymiser until lifted', async () => {
    const { org, manager, admin } = await setup();
    const [old] = await createOrdersWithPii(manager, [
      { completedAt: daysBefore(NOW, 60), buyer: { email: 'carol@example.com' } },
    ]);
    const { requestId } = await openDsr(
      admin,
      { kind: 'RESTRICTION', lookup: { email: 'carol@example.com' } },
      NOW,
    );
    expect(await setDsrRestriction(admin, { requestId, restricted: true }, NOW)).toEqual({ records: 1 });
    await anonymiseDueOrders(org.id, { now: NOW });
    expect((await privacyState([old!.id]))[0]!.pii_status).toBe('STORED');
    await setDsrRestriction(admin, { requestId, restricted: false }, NOW);
    await anonymiseDueOrders(org.id, { now: NOW });
    expect((await privacyState([old!.id]))[0]!.pii_status).toBe('ANONYMISED');
  });

  it('rectifies the given fields only and refuses members without privacy.dsr', async () => {
    const { admin, manager, bob } = await setup();
    const { requestId } = await openDsr(admin, { kind: 'RECTIFICATION', lookup: { orderId: bob.id } }, NOW);
    await rectifyDsr(admin, { requestId, recordId: bob.piiRecordId, changes: { city: 'Newtown' } }, NOW);
    expect(await readBuyerPii(admin, bob.piiRecordId, 'customer-service')).toMatchObject({
      name: 'Bob Baker',
      city: 'Newtown',
    });
    await expect(
      openDsr(manager, { kind: 'ACCESS', lookup: { orderId: bob.id } }, NOW),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expectInvalidInput(
      rectifyDsr(admin, { requestId, recordId: bob.piiRecordId, changes: {} }, NOW),
      'changes',
    );
  });
});
