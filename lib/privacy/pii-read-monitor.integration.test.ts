import { afterAll, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { readBuyerPiiBatch } from '../pii/read-buyer-pii.ts';
import { addMember, createOrganization, createUser } from '../../tests/factories.ts';
import { createOrdersWithPii } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { setEmailTransportForTests, type TEmailMessage } from '../email/send-email.ts';
import { ANOMALOUS_PII_READ_ACTION, scanPiiReadVolume } from './pii-read-monitor.ts';

afterAll(() => {
  resetTenantKeys();
  setEmailTransportForTests(undefined);
});

describe('PII read volume monitor', () => {
  it('raises one security event for an actor reading more than the threshold in the window, none for others', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const reader = await memberContext(org.id, 'MANAGER');
    const orders = await createOrdersWithPii(
      manager,
      Array.from({ length: 30 }, () => ({})),
    );
    const ids = orders.map((o) => o.piiRecordId);
    await readBuyerPiiBatch(reader, ids.slice(0, 25), 'packing-slip');
    await readBuyerPiiBatch(reader, ids.slice(5, 30), 'packing-slip');
    await readBuyerPiiBatch(manager, ids.slice(0, 5), 'packing-slip');

    const sent: TEmailMessage[] = [];
    setEmailTransportForTests({ send: async (m) => void sent.push(m) });
    const admin = await memberContext(org.id, 'ADMIN');
    const now = new Date(Date.now() + 1000);
    const alerts = await scanPiiReadVolume(org.id, { now, threshold: 40 });
    expect(alerts).toEqual([{ actorType: 'USER', actorId: reader.actor.id, records: 50 }]);
    // Once per window.
    expect(await scanPiiReadVolume(org.id, { now, threshold: 40 })).toEqual([]);
    const events = await systemDb().securityEvent.findMany({
      where: { action: ANOMALOUS_PII_READ_ACTION, userId: reader.actor.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ organizationId: org.id, records: 50 });
    expect(JSON.stringify(events)).not.toMatch(/buyer\.example|Testville/);
    // The organization's admins are notified (email channel), without PII.
    const adminUser = await systemDb().user.findUniqueOrThrow({ where: { id: admin.actor.id! } });
    expect(sent.map((m) => [m.to, m.kind])).toEqual([[adminUser.email, 'security.alert']]);
    expect(sent[0]!.text).not.toMatch(/buyer\.example|Testville/);
  });
});

describe('security events screen query', () => {
  it('lists this organization’s members’ events and its anomaly events, not other users’', async () => {
    const { listOrganizationSecurityEvents } = await import('./list-security-events.ts');
    const org = await createOrganization();
    const admin = await memberContext(org.id, 'ADMIN');
    const outsider = await memberContext((await createOrganization()).id, 'ADMIN');
    await systemDb().securityEvent.createMany({
      data: [
        { action: 'auth.sign_in_failed', userId: admin.actor.id },
        { action: 'auth.sign_in_failed', userId: outsider.actor.id },
        { action: ANOMALOUS_PII_READ_ACTION, metadata: { organizationId: org.id, records: 900 } },
      ],
    });
    const events = await listOrganizationSecurityEvents(admin);
    expect(events.map((e) => e.action).sort()).toEqual(['auth.sign_in_failed', ANOMALOUS_PII_READ_ACTION]);
    expect(events.some((e) => e.userId === outsider.actor.id)).toBe(false);
    const viewer = await memberContext(org.id, 'VIEWER');
    await expect(listOrganizationSecurityEvents(viewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows a member shared with another organization only their account events, not the other organization’s events', async () => {
    const { listOrganizationSecurityEvents } = await import('./list-security-events.ts');
    const orgA = await createOrganization();
    const orgB = await createOrganization();
    const adminA = await memberContext(orgA.id, 'ADMIN');
    const shared = await createUser();
    await addMember(orgA.id, shared.id, 'MANAGER');
    await addMember(orgB.id, shared.id, 'MANAGER');
    await systemDb().securityEvent.createMany({
      data: [
        { action: 'auth.sign_in_failed', userId: shared.id },
        { action: 'auth.mfa_enabled', userId: shared.id },
        // Raised in organization B about the shared member: B's business only.
        { action: ANOMALOUS_PII_READ_ACTION, userId: shared.id, metadata: { organizationId: orgB.id } },
        { action: 'pii.canary_read', userId: shared.id, metadata: { organizationId: orgB.id } },
        // Raised in organization A about the same member.
        { action: 'pii.canary_read', userId: shared.id, metadata: { organizationId: orgA.id } },
      ],
    });
    const events = await listOrganizationSecurityEvents(adminA);
    expect(events.map((e) => e.action).sort()).toEqual([
      'auth.mfa_enabled',
      'auth.sign_in_failed',
      'pii.canary_read',
    ]);
    expect(JSON.stringify(events)).not.toContain(orgB.id);
    const adminB = await memberContext(orgB.id, 'ADMIN');
    const eventsB = await listOrganizationSecurityEvents(adminB);
    expect(eventsB.map((e) => e.action).sort()).toEqual(
      ['auth.mfa_enabled', 'auth.sign_in_failed', ANOMALOUS_PII_READ_ACTION, 'pii.canary_read'].sort(),
    );
    expect(JSON.stringify(eventsB)).not.toContain(orgA.id);
  });
});
