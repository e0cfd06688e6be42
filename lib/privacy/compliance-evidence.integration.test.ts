// Compliance evidence from live state: past-due records, encryption share, retention runs, chain.
import { afterAll, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { createOrganization } from '../../tests/factories.ts';
import { createOrdersWithPii, daysBefore } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { reviewMemberAccess } from './access-review.ts';
import { getComplianceEvidence } from './compliance-evidence.ts';
import { runRetentionPass } from './run-retention.ts';

afterAll(() => resetTenantKeys());

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
});
