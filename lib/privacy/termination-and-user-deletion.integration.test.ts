// Account termination (all order data, buyer PII, members deleted; data keys destroyed; another
// organization untouched; audit kept) and user deletion (user anonymised, memberships removed,
// audit references kept under the pseudonymous id).
import { afterAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { addMember, createOrganization, createUserWithPassword } from '../../tests/factories.ts';
import { createOrdersWithPii, privacyState } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { deleteUserAccount, deletedUserEmail, DELETED_USER_NAME } from './delete-user-account.ts';
import { terminateOrganization } from './terminate-organization.ts';
import { expectInvalidInput } from '../../tests/helpers/expect-error.ts';

afterAll(() => resetTenantKeys());

describe('account termination', () => {
  it('deletes every order, line, history row, vault record and member, destroys the data keys, keeps the audit chain; other tenants untouched', async () => {
    const doomed = await createOrganization();
    const other = await createOrganization();
    const manager = await memberContext(doomed.id, 'MANAGER');
    const otherManager = await memberContext(other.id, 'MANAGER');
    const orders = await createOrdersWithPii(manager, [{}, {}, {}]);
    const otherOrders = await createOrdersWithPii(otherManager, [{}, {}]);

    const result = await terminateOrganization(doomed.id, { type: 'SYSTEM', id: null });
    expect(result.keysDestroyed).toBeGreaterThanOrEqual(1); // at least buyer-pii
    expect(result.deleted).toMatchObject({ orders: 3, order_lines: 3, pii_records: 3, memberships: 1 });

    const db = systemDb();
    const where = { organizationId: doomed.id };
    expect(await db.order.count({ where })).toBe(0);
    expect(await db.orderLine.count({ where })).toBe(0);
    expect(await db.orderStatusEvent.count({ where })).toBe(0);
    expect(await db.piiRecord.count({ where })).toBe(0);
    expect(await db.membership.count({ where })).toBe(0);
    expect(await db.credential.count({ where })).toBe(0);
    expect(await db.dataKey.count({ where: { ...where, wrappedKey: { not: null } } })).toBe(0);
    expect((await db.organization.findUnique({ where: { id: doomed.id } }))?.status).toBe('SUSPENDED');
    // Audit chain kept (ids only) and still verifies, ending with the termination.
    const last = await withTenant(doomed.id, (tx) => tx.auditEvent.findFirst({ orderBy: { seq: 'desc' } }));
    expect(last?.action).toBe('organization.terminated');
    expect((await withTenant(doomed.id, (tx) => verifyAuditChain(tx, doomed.id))).ok).toBe(true);
    // The other organization still has everything.
    const kept = await privacyState(otherOrders.map((o) => o.id));
    expect(kept.map((r) => [r.pii_status, r.has_ciphertext, r.lines])).toEqual([
      ['STORED', true, 1],
      ['STORED', true, 1],
    ]);
    expect(orders).toHaveLength(3);
    // Idempotent.
    expect((await terminateOrganization(doomed.id, { type: 'SYSTEM', id: null })).deleted.orders).toBe(0);
  });
});

describe('user deletion', () => {
  it('anonymises the user, removes every membership and secret, and keeps audit references under the id', async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const owner = await memberContext(a.id, 'OWNER');
    await memberContext(b.id, 'OWNER');
    const user = await createUserWithPassword({ name: 'Jo Example', email: `jo-${Date.now()}@example.test` });
    await addMember(a.id, user.id, 'MANAGER');
    await addMember(b.id, user.id, 'VIEWER');
    await withTenant(a.id, (tx) =>
      recordAuditEvent(tx, {
        organizationId: a.id,
        actorType: 'USER',
        actorId: user.id,
        action: 'order.viewed',
      }),
    );
    const before = await systemDb().user.findUniqueOrThrow({ where: { id: user.id } });

    expect(await deleteUserAccount(user.id, new Date('2027-01-01T00:00:00Z'))).toEqual({ memberships: 2 });

    const after = await systemDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({
      email: deletedUserEmail(user.id),
      name: DELETED_USER_NAME,
      passwordHash: null,
      totpSecretEnc: null,
      mfaEnabledAt: null,
      disabledAt: new Date('2027-01-01T00:00:00Z'),
      sessionVersion: before.sessionVersion + 1,
    });
    expect(await systemDb().membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await systemDb().passwordHistory.count({ where: { userId: user.id } })).toBe(0);
    // Audit: the old event still names the (now pseudonymous) id; the removal is recorded; the chain verifies.
    const events = await withTenant(a.id, (tx) =>
      tx.auditEvent.findMany({ where: { OR: [{ actorId: user.id }, { action: 'member.account_deleted' }] } }),
    );
    expect(events.map((e) => e.action).sort()).toEqual(['member.account_deleted', 'order.viewed']);
    expect(JSON.stringify(events.map((e) => ({ ...e, seq: String(e.seq) })))).not.toContain('Jo Example');
    expect((await withTenant(a.id, (tx) => verifyAuditChain(tx, a.id))).ok).toBe(true);
    // The other members are untouched.
    expect(await systemDb().membership.count({ where: { organizationId: a.id } })).toBe(1);
    expect(owner.organizationId).toBe(a.id);
  });

  it('refuses to delete the last owner of an organization (409), leaving everything as it was', async () => {
    const org = await createOrganization();
    const user = await createUserWithPassword();
    await addMember(org.id, user.id, 'OWNER');
    await expect(deleteUserAccount(user.id, new Date())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await systemDb().membership.count({ where: { userId: user.id } })).toBe(1);
    await expectInvalidInput(deleteUserAccount('not-a-uuid', new Date()), '');
  });
});
