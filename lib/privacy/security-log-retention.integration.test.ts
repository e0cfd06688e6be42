// Security and operator logs: expired after SECURITY_LOG_RETENTION_MONTHS (never under 12, the
// database checks against its own clock), append-only for the app and system roles otherwise, and
// a deleted user's ids replaced by one random pseudonym in both.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSecurityEvent } from '../auth/security-events.ts';
import { appDb } from '../db/client.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import { systemDb } from '../db/system.ts';
import { closeQueues } from '../jobs/queues.ts';
import { createOperator } from '../operators/create-operator.ts';
import { recordOperatorEvent } from '../operators/record-operator-event.ts';
import { addMember, createOrganization, createUserWithPassword } from '../../tests/factories.ts';
import { setTestEnv, snapshotTestEnv } from '../../tests/helpers/test-env.ts';
import { deleteUserAccount } from './delete-user-account.ts';
import { expireSecurityLogs } from './expire-security-logs.ts';
import { monthsBefore } from './retention-policy.ts';

const DAY = 24 * 3600 * 1000;
const restoreEnv = snapshotTestEnv();
afterAll(async () => {
  restoreEnv();
  await closeQueues();
});

async function seedLogs(times: readonly Date[]) {
  const tag = randomUUID();
  for (const at of times) {
    await appDb().securityEvent.create({ data: { action: 'auth.sign_in_failed', at, metadata: { tag } } });
    await appDb().operatorAuditEvent.create({
      data: { action: 'operator.signed_in', at, metadata: { tag } },
    });
  }
  const kept = async () => ({
    security: (
      await appDb().securityEvent.findMany({
        where: { metadata: { path: ['tag'], equals: tag } },
        orderBy: { at: 'asc' },
      })
    ).map((e) => e.at),
    operator: (
      await appDb().operatorAuditEvent.findMany({
        where: { metadata: { path: ['tag'], equals: tag } },
        orderBy: { at: 'asc' },
      })
    ).map((e) => e.at),
  });
  return kept;
}

describe('security log expiry', () => {
  it('expires security and operator events older than 12 months and keeps younger ones', async () => {
    const now = new Date();
    const year = monthsBefore(now, 12);
    const times = [
      new Date(year.getTime() - 40 * DAY),
      new Date(year.getTime() - DAY),
      new Date(year.getTime() + DAY),
      now,
    ];
    const kept = await seedLogs(times);
    const result = await expireSecurityLogs({ now });
    expect(result.cutoff).toEqual(year);
    expect(result.securityEvents).toBeGreaterThanOrEqual(2);
    expect(result.operatorAuditEvents).toBeGreaterThanOrEqual(2);
    expect(await kept()).toEqual({ security: times.slice(2), operator: times.slice(2) });
    // Idempotent.
    expect(await expireSecurityLogs({ now })).toMatchObject({ securityEvents: 0, operatorAuditEvents: 0 });
  });

  it('follows a longer setting: 18 months keeps a 13-month-old event', async () => {
    const now = new Date();
    const times = [monthsBefore(now, 19), monthsBefore(now, 13)];
    const kept = await seedLogs(times);
    setTestEnv({ SECURITY_LOG_RETENTION_MONTHS: '18' });
    try {
      await expireSecurityLogs({ now });
    } finally {
      restoreEnv();
    }
    expect(await kept()).toEqual({ security: times.slice(1), operator: times.slice(1) });
  });

  it('refuses anything younger than 12 months by the database clock, and the roles cannot delete or update', async () => {
    const now = new Date();
    const kept = await seedLogs([new Date(now.getTime() - 200 * DAY)]);
    // A clock pushed forward cannot move the floor.
    const early = expireSecurityLogs({ now: new Date(now.getTime() + 400 * DAY) });
    await expect(early).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(early).rejects.toThrow(/younger than 12 months are kept/);
    for (const db of [appDb(), systemDb()]) {
      for (const sql of [
        Prisma.sql`DELETE FROM security_events`,
        Prisma.sql`DELETE FROM operator_audit_events`,
        Prisma.sql`UPDATE security_events SET user_id = NULL`,
        Prisma.sql`UPDATE operator_audit_events SET metadata = '{}'`,
      ]) {
        const attempt = db.$executeRaw(sql);
        await expect(attempt).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
        await expect(attempt).rejects.toThrow(/permission denied/);
      }
    }
    expect((await kept()).security).toHaveLength(1);
  });
});

describe('a deleted user in the security logs', () => {
  it('replaces the user’s id with one pseudonym in security and operator events; other users untouched', async () => {
    const org = await createOrganization();
    const owner = await createUserWithPassword();
    await addMember(org.id, owner.id, 'OWNER');
    const user = await createUserWithPassword();
    const other = await createUserWithPassword();
    await addMember(org.id, user.id, 'MANAGER');
    await addMember(org.id, other.id, 'MANAGER');
    const { operatorId } = await createOperator({ email: `ops-${randomUUID()}@packline.test` }, { cost: 4 });
    for (const userId of [user.id, other.id]) {
      await recordSecurityEvent({ action: 'auth.sign_in_failed', userId, ip: '192.0.2.7' });
      await recordSecurityEvent({ action: 'auth.mfa_enabled', userId });
      await recordOperatorEvent({
        operatorId,
        action: 'operator.user_looked_up',
        metadata: { userId, reason: 'support ticket' },
      });
    }
    // A live account's trail cannot be rewritten through the function.
    await expect(
      appDb().$queryRaw`SELECT pseudonym FROM security_logs_pseudonymise_user(${user.id}::uuid)`,
    ).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);

    await deleteUserAccount(user.id, new Date());

    const text = (rows: unknown) => JSON.stringify(rows);
    const security = await appDb().securityEvent.findMany();
    const operator = await appDb().operatorAuditEvent.findMany({
      where: { operatorId, action: 'operator.user_looked_up' },
    });
    expect(text(security)).not.toContain(user.id);
    expect(text(operator)).not.toContain(user.id);
    // One pseudonym for all of the user's events, pointing at no account.
    const ofUser = security.filter(
      (e) => e.userId && e.userId !== other.id && e.userId !== owner.id && e.action.startsWith('auth.'),
    );
    expect(ofUser.map((e) => e.action).sort()).toEqual(['auth.mfa_enabled', 'auth.sign_in_failed']);
    const pseudonym = ofUser[0]!.userId!;
    expect(ofUser.every((e) => e.userId === pseudonym)).toBe(true);
    expect(pseudonym).not.toBe(user.id);
    expect(await systemDb().user.findUnique({ where: { id: pseudonym } })).toBeNull();
    expect(operator.map((e) => (e.metadata as { userId: string }).userId).sort()).toEqual(
      [other.id, pseudonym].sort(),
    );
    // The other member's events still name them.
    expect(security.filter((e) => e.userId === other.id)).toHaveLength(2);
  });
});
