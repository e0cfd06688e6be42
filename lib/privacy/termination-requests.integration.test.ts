// Termination requested by an owner: typed name and a fresh proof of identity, a 7-day grace
// period any owner can cancel in, then the worker's sweep runs it; other organizations' owners
// can neither see nor cancel it; non-owners cannot request it. Account deletion by the user
// themself: the same proof, refused for the last owner.
import { afterAll, describe, expect, it } from 'vitest';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { userContext } from '../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUserWithPassword } from '../../tests/factories.ts';
import { createOrdersWithPii } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { jobHandlers, scheduledJobs } from '../../jobs/registry.ts';
import { exportAccountData } from './account-data-export.ts';
import { deleteOwnAccount } from './delete-user-account.ts';
import {
  cancelTermination,
  pendingTermination,
  requestTermination,
  runDueTerminations,
} from './termination-requests.ts';

afterAll(() => resetTenantKeys());

const DAY = 24 * 3600 * 1000;

async function ownedOrganization() {
  const org = await createOrganization({ name: `Acme ${crypto.randomUUID().slice(0, 6)}` });
  const user = await createUserWithPassword();
  await addMember(org.id, user.id, 'OWNER');
  const owner = userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' });
  return { org, user, owner };
}

describe('termination requests', () => {
  it('needs the typed name and the password, schedules 7 days out, is cancellable, and runs when due', async () => {
    const { org, user, owner } = await ownedOrganization();
    const other = await ownedOrganization();
    const [order] = await createOrdersWithPii(owner, [{}]);
    const now = new Date('2027-03-01T09:00:00.000Z');
    const good = { confirmName: org.name, proof: { password: user.password } };

    await expect(
      requestTermination(owner, { ...good, confirmName: 'Some other name' }, now),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { field: 'confirmName' } });
    await expect(
      requestTermination(owner, { ...good, proof: { password: 'not my password' } }, now),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE', details: { field: 'password' } });
    const admin = await memberContext(org.id, 'ADMIN');
    await expect(requestTermination(admin, good, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await pendingTermination(owner)).toBeNull();

    const { scheduledFor } = await requestTermination(owner, good, now);
    expect(scheduledFor).toEqual(new Date(now.getTime() + 7 * DAY));
    await expect(requestTermination(owner, good, now)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Another organization's owner sees nothing and cancels nothing.
    expect(await pendingTermination(other.owner)).toBeNull();
    await expect(cancelTermination(other.owner, now)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await pendingTermination(owner))?.status).toBe('SCHEDULED');

    await cancelTermination(owner, new Date(now.getTime() + DAY));
    expect(await pendingTermination(owner)).toBeNull();
    expect(await runDueTerminations(new Date(now.getTime() + 30 * DAY))).not.toContain(org.id);
    expect(await systemDb().order.count({ where: { id: order!.id } })).toBe(1);

    await requestTermination(owner, good, now);
    expect(await runDueTerminations(new Date(now.getTime() + 7 * DAY - 1))).not.toContain(org.id);
    const ran = await runDueTerminations(new Date(now.getTime() + 7 * DAY));
    expect(ran).toContain(org.id);
    expect(ran).not.toContain(other.org.id);
    expect(await systemDb().order.count({ where: { organizationId: org.id } })).toBe(0);
    expect((await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe(
      'SUSPENDED',
    );
    const requests = await systemDb().terminationRequest.findMany({
      where: { organizationId: org.id },
      orderBy: { requestedAt: 'asc' },
    });
    expect(requests.map((r) => r.status).sort()).toEqual(['CANCELLED', 'COMPLETED']);
    const actions = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({
        where: { action: { startsWith: 'organization.' } },
        orderBy: { seq: 'asc' },
        select: { action: true },
      }),
    );
    expect(actions.map((a) => a.action)).toEqual([
      'organization.termination_requested',
      'organization.termination_cancelled',
      'organization.termination_requested',
      'organization.terminated',
    ]);
    expect((await systemDb().organization.findUniqueOrThrow({ where: { id: other.org.id } })).status).toBe(
      'ACTIVE',
    );
  });

  it('runs from the worker’s hourly sweep job', async () => {
    const { org, user, owner } = await ownedOrganization();
    await requestTermination(
      owner,
      { confirmName: org.name, proof: { password: user.password } },
      new Date(Date.now() - 8 * DAY),
    );
    expect(scheduledJobs({ heartbeatEveryMs: 60_000 }).map((j) => j.schedulerId)).toContain(
      'privacy.termination-sweep',
    );
    const logged: unknown[] = [];
    await jobHandlers['privacy.termination-sweep']({}, {
      logger: { info: (o: unknown) => logged.push(o) },
    } as unknown as Parameters<(typeof jobHandlers)['privacy.termination-sweep']>[1]);
    expect((await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } })).status).toBe(
      'SUSPENDED',
    );
    expect(JSON.stringify(logged)).toContain(org.id);
  });
});

describe('deleting one’s own account', () => {
  it('is refused for the last owner before any proof is asked, and needs the password otherwise', async () => {
    const { org, user } = await ownedOrganization();
    await expect(deleteOwnAccount(user.id, { password: user.password }, new Date())).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(org.name),
    });
    expect(await systemDb().membership.count({ where: { userId: user.id } })).toBe(1);

    const staff = await createUserWithPassword({ name: 'Sam Staff' });
    await addMember(org.id, staff.id, 'WAREHOUSE');
    await expect(deleteOwnAccount(staff.id, { password: 'wrong' }, new Date())).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    expect(await systemDb().membership.count({ where: { userId: staff.id } })).toBe(1);
    const exported = await exportAccountData(staff.id, new Date());
    expect(exported.account).toMatchObject({ id: staff.id, email: staff.email, name: 'Sam Staff' });
    expect(exported.memberships).toEqual([{ organization: org.name, slug: org.slug, role: 'WAREHOUSE' }]);
    expect(JSON.stringify(exported)).not.toContain(staff.passwordHash!);

    expect(await deleteOwnAccount(staff.id, { password: staff.password }, new Date())).toEqual({
      memberships: 1,
    });
    const after = await systemDb().user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(after.name).toBe('Deleted user');
    expect(await systemDb().membership.count({ where: { userId: staff.id } })).toBe(0);
  });
});
