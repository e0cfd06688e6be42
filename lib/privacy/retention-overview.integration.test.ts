// The retention screen's figures from live state (and, through the test rig's pg guard, its reads
// run one after another on the transaction's single connection).
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../../tests/factories.ts';
import { createOrdersWithPii, daysBefore } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { getRetentionOverview } from './retention-overview.ts';

describe('retention overview', () => {
  it('counts buyer PII due, reports the earliest due date and no runs yet; admins only', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const admin = await memberContext(org.id, 'ADMIN');
    const now = new Date();
    const oldest = daysBefore(now, 45);
    await createOrdersWithPii(manager, [{ completedAt: oldest }, { completedAt: daysBefore(now, 3) }]);

    const overview = await getRetentionOverview(admin, now);
    // Completed 45 days ago under the 30-day policy: due 15 days ago.
    expect(overview.earliestDueAt?.getTime()).toBe(oldest.getTime() + 30 * 86_400_000);
    const byRule = Object.fromEntries(overview.rules.map((r) => [r.rule, r]));
    expect(byRule.ANONYMISE_BUYER_PII).toMatchObject({ dueNow: 1, held: 0, lastRun: null });
    expect(byRule.HARD_DELETE_ORDERS).toMatchObject({ dueNow: 0, held: 0, lastRun: null });
    expect(byRule.EXPIRE_AUDIT_EVENTS).toMatchObject({ dueNow: 0, held: 0, lastRun: null });
    await expect(getRetentionOverview(manager, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
