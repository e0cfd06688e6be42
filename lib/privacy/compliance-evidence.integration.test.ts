// Compliance evidence from live state: past-due records, the vault check, retention runs, chain.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { createOperator } from '../operators/create-operator.ts';
import { createOrganization } from '../../tests/factories.ts';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import { createOrdersWithPii, daysBefore } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { reviewMemberAccess } from './access-review.ts';
import { evidenceFigures, getComplianceEvidence } from './compliance-evidence.ts';
import { completeIncidentReview, recordIncident, recordIncidentMilestone } from './incidents.ts';
import { placeOrderHold } from './order-holds.ts';
import { runRetentionPass } from './run-retention.ts';

// A retention pass over real vault rows: well over the default 30 s when the machine is busy.
vi.setConfig({ testTimeout: 120_000 });

const restoreEnv = snapshotTestEnv();
afterAll(() => {
  resetTenantKeys();
  restoreEnv();
});
const DAY = 86_400_000;

describe('compliance evidence', () => {
  it('shows records past due until the retention pass runs, then 0; vault check passes; chain verified', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const admin = await memberContext(org.id, 'ADMIN');
    const now = new Date();
    await createOrdersWithPii(manager, [
      { completedAt: daysBefore(now, 45) },
      { completedAt: daysBefore(now, 3) },
    ]);

    const before = await getComplianceEvidence(admin, now);
    expect(before.retention).toMatchObject({
      piiRetentionDays: 30,
      recordsPastDue: 1,
      // Completed 45 days ago: due 15 days ago.
      earliestDueInDays: -15,
    });
    expect(before.encryption).toMatchObject({
      recordsHoldingPii: 2,
      vault: {
        nonByteaColumns: [],
        malformedValues: 0,
        sampled: 2,
        decrypted: 2,
        decryptableElsewhere: 0,
        plaintextOutsideVault: 0,
        ok: true,
      },
    });
    expect(before.encryption.dataKeys.length).toBeGreaterThan(0);
    expect(before.access.piiMembersWithoutMfa).toBe(2); // manager and admin, no MFA
    expect(before.retention.lastRuns.ANONYMISE_BUYER_PII).toBeNull();
    expect(before.access.membersNotReviewed90Days).toBe(2);
    const { systemDb } = await import('../db/system.ts');
    const membership = await systemDb().membership.findFirstOrThrow({
      where: { organizationId: org.id, userId: manager.actor.id! },
    });
    await reviewMemberAccess(admin, { membershipId: membership.id }, now);
    await expect(reviewMemberAccess(manager, { membershipId: membership.id }, now)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await getComplianceEvidence(admin, now)).access.membersNotReviewed90Days).toBe(1);
    // 91 days later the review is stale again.
    expect(
      (await getComplianceEvidence(admin, new Date(now.getTime() + 91 * 86_400_000))).access
        .membersNotReviewed90Days,
    ).toBe(2);

    await runRetentionPass(org.id, { now });
    const after = await getComplianceEvidence(admin, now);
    // Completed 3 days ago: due in 27 days.
    expect(after.retention).toMatchObject({ recordsPastDue: 0, earliestDueInDays: 27 });
    expect(after.retention.lastRuns.ANONYMISE_BUYER_PII).toMatchObject({ status: 'SUCCEEDED', processed: 1 });
    expect(after.audit.chainOk).toBe(true);
    expect(after.credentials.disconnectedWithCredentials).toBe(0);
    expect(JSON.stringify(after)).not.toMatch(/buyer\.example/);
    await expect(getComplianceEvidence(manager, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the vault check fails on plaintext bytes, a ciphertext moved to another row and buyer data written outside the vault', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const admin = await memberContext(org.id, 'ADMIN');
    const now = new Date();
    const [a, b, c] = await createOrdersWithPii(manager, [
      { status: 'AWAITING_FULFILMENT', buyer: { email: 'vault-check-a@buyer.example' } },
      { status: 'AWAITING_FULFILMENT' },
      { status: 'AWAITING_FULFILMENT' },
    ]);
    const vault = async () => (await getComplianceEvidence(admin, now)).encryption.vault;
    const figure = async () =>
      evidenceFigures(await getComplianceEvidence(admin, now)).find((f) => f.key === 'encrypted')!;
    expect(await vault()).toMatchObject({ sampled: 3, decrypted: 3, ok: true });
    expect((await figure()).ok).toBe(true);

    const { systemDb } = await import('../db/system.ts');
    const db = systemDb();
    // 1. A plaintext name stored as bytes: no codec header.
    const original = await db.piiRecord.findUniqueOrThrow({ where: { id: a!.piiRecordId } });
    await db.piiRecord.update({
      where: { id: a!.piiRecordId },
      data: { name: new Uint8Array(Buffer.from('Plain Text Buyer Name')) },
    });
    expect(await vault()).toMatchObject({ malformedValues: 1, decrypted: 2, ok: false });
    expect(await figure()).toMatchObject({ ok: false });
    await db.piiRecord.update({ where: { id: a!.piiRecordId }, data: { name: original.name } });
    expect(await vault()).toMatchObject({ malformedValues: 0, ok: true });

    // 2. A valid ciphertext moved to another row: its header is fine, but it does not decrypt there.
    const other = await db.piiRecord.findUniqueOrThrow({ where: { id: b!.piiRecordId } });
    const own = await db.piiRecord.findUniqueOrThrow({ where: { id: c!.piiRecordId } });
    await db.piiRecord.update({ where: { id: c!.piiRecordId }, data: { city: other.city } });
    expect(await vault()).toMatchObject({ malformedValues: 0, sampled: 3, decrypted: 2, ok: false });
    await db.piiRecord.update({ where: { id: c!.piiRecordId }, data: { city: own.city } });
    expect(await vault()).toMatchObject({ decrypted: 3, ok: true });

    // 3. The buyer's email copied into a hold reason: buyer data in clear outside the vault.
    await placeOrderHold(
      manager,
      { orderId: a!.id, kind: 'DISPUTE', reason: 'Buyer VAULT-CHECK-A@buyer.example disputes' },
      now,
    );
    expect(await vault()).toMatchObject({ plaintextOutsideVault: 1, ok: false });
    const evidence = await getComplianceEvidence(admin, now);
    expect(JSON.stringify(evidence)).not.toMatch(/buyer\.example/);
  });

  it('shows the LWA secret age against the 180-day deadline (warning from 150 days) and open incidents', async () => {
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const rotatedAt = new Date('2027-01-01T00:00:00.000Z');
    setTestEnv({ AMAZON_LWA_CLIENT_SECRET_ROTATED_AT: rotatedAt.toISOString() });
    const at = (days: number) => new Date(rotatedAt.getTime() + days * DAY);

    expect((await getComplianceEvidence(admin, at(149))).lwaSecret).toEqual({
      configured: true,
      rotatedAt: rotatedAt.toISOString(),
      ageDays: 149,
      daysToDeadline: 31,
      maxAgeDays: 180,
      warning: false,
    });
    expect((await getComplianceEvidence(admin, at(150))).lwaSecret).toMatchObject({
      ageDays: 150,
      daysToDeadline: 30,
      warning: true,
    });
    expect((await getComplianceEvidence(admin, at(181))).lwaSecret).toMatchObject({
      daysToDeadline: -1,
      warning: true,
    });

    // Incidents: only the open ones that list this organization, with their deadlines.
    const { operatorId } = await createOperator({ email: `ops-${randomUUID()}@packline.test` }, { cost: 4 });
    const detectedAt = at(10);
    const mine = await recordIncident(
      operatorId,
      {
        title: 'Misrouted label batch',
        scope: 'Labels printed to the wrong station.',
        detectedAt,
        affectedOrganizationIds: [org.id],
        amazonDataInvolved: true,
      },
      detectedAt,
    );
    const closed = await recordIncident(
      operatorId,
      { title: 'Closed one', scope: 'Old and reviewed', detectedAt, affectedOrganizationIds: [org.id] },
      detectedAt,
    );
    await recordIncidentMilestone(
      operatorId,
      { incidentId: closed.id, milestone: 'contained', at: detectedAt },
      detectedAt,
    );
    await completeIncidentReview(
      operatorId,
      { incidentId: closed.id, review: 'Reviewed and closed.' },
      detectedAt,
    );
    await recordIncident(
      operatorId,
      {
        title: 'Elsewhere',
        scope: 'Another tenant only',
        detectedAt,
        affectedOrganizationIds: [randomUUID()],
      },
      detectedAt,
    );
    const evidence = await getComplianceEvidence(admin, at(12));
    expect(evidence.incidents).toEqual({
      open: 1,
      overdueDeadlines: 2,
      items: [
        {
          id: mine.id,
          title: 'Misrouted label batch',
          severity: 'MEDIUM',
          detectedAt: detectedAt.toISOString(),
          deadlines: [
            { name: 'containment', dueAt: at(11).toISOString(), doneAt: null, overdue: true },
            { name: 'amazon', dueAt: at(11).toISOString(), doneAt: null, overdue: true },
          ],
        },
      ],
    });
  });
});
