// Compliance evidence from live state: past-due records, encryption share, retention runs, chain.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { createOperator } from '../operators/create-operator.ts';
import { createOrganization } from '../../tests/factories.ts';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import { createOrdersWithPii, daysBefore } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { reviewMemberAccess } from './access-review.ts';
import { getComplianceEvidence } from './compliance-evidence.ts';
import { completeIncidentReview, recordIncident, recordIncidentMilestone } from './incidents.ts';
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
  it('shows records past due until the retention pass runs, then 0; 100 % encrypted; chain verified', async () => {
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
      oldestStoredAgeDays: 45,
    });
    expect(before.encryption).toMatchObject({ recordsHoldingPii: 2, encryptedSharePercent: 100 });
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
    expect(after.retention).toMatchObject({ recordsPastDue: 0, oldestStoredAgeDays: 3 });
    expect(after.retention.lastRuns.ANONYMISE_BUYER_PII).toMatchObject({ status: 'SUCCEEDED', processed: 1 });
    expect(after.audit.chainOk).toBe(true);
    expect(after.credentials.disconnectedWithCredentials).toBe(0);
    expect(JSON.stringify(after)).not.toMatch(/buyer\.example/);
    await expect(getComplianceEvidence(manager, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
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
