// The other retention rules with a controllable clock: soft-deleted orders hard-deleted at 90
// days (89 kept), audit events expired after 12 months through the one reviewed purge function
// (younger ones refused even to the owner), and each pass recorded as a retention run.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEventHash, GENESIS_HASH } from '../audit/audit-hash.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { getEnv } from '../env.ts';
import { createOrganization } from '../../tests/factories.ts';
import { createOrdersWithPii, daysBefore, privacyState } from '../../tests/factories/orders.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { expireAuditEvents } from './expire-audit-events.ts';
import { purgeDeletedOrders, softDeleteOrder } from './purge-deleted-orders.ts';
import { placeOrderHold, releaseOrderHold } from './order-holds.ts';
import { expectAppError, expectInvalidInput } from '../../tests/helpers/expect-error.ts';
import { runRetentionPass } from './run-retention.ts';

afterAll(() => resetTenantKeys());

const DAY = 24 * 3600 * 1000;

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_OWNER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Appends chained audit events with chosen timestamps (as if written back then). */
async function seedAuditChain(organizationId: string, times: readonly Date[]) {
  let prev: Buffer = GENESIS_HASH;
  for (const [i, at] of times.entries()) {
    const fields = {
      organizationId,
      seq: BigInt(i + 1),
      at,
      actorType: 'SYSTEM',
      actorId: null,
      action: 'test.happened',
      targetType: 'thing',
      targetId: `t-${i + 1}`,
      purpose: null,
      ip: null,
      requestId: null,
      metadata: { n: i + 1 },
    };
    const hash = auditEventHash(prev, fields);
    await systemDb().auditEvent.create({
      data: { ...fields, actorType: 'SYSTEM', prevHash: new Uint8Array(prev), hash: new Uint8Array(hash) },
    });
    prev = hash;
  }
}

describe('hard delete of soft-deleted orders', () => {
  it('at 89 days keeps the order; at 90 and 91 days deletes it with its lines, history and vault record', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const now = new Date('2027-06-01T08:00:00.000Z');
    const [d89, d90, d91, live] = await createOrdersWithPii(manager, [
      { shippedAt: daysBefore(now, 120), deletedAt: daysBefore(now, 89) },
      { shippedAt: daysBefore(now, 120), deletedAt: daysBefore(now, 90) },
      { shippedAt: daysBefore(now, 120), deletedAt: daysBefore(now, 91) },
      { shippedAt: daysBefore(now, 120) },
    ]);
    expect(await purgeDeletedOrders(org.id, { now, batchSize: 1 })).toEqual({ deleted: 2 });
    const left = await privacyState([d89!.id, d90!.id, d91!.id, live!.id]);
    expect(left.map((r) => r.id)).toEqual([d89!.id, live!.id]);
    expect(left.map((r) => [r.lines, r.events])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const gone = [d90!, d91!];
    expect(await systemDb().orderLine.count({ where: { orderId: { in: gone.map((o) => o.id) } } })).toBe(0);
    expect(
      await systemDb().orderStatusEvent.count({ where: { orderId: { in: gone.map((o) => o.id) } } }),
    ).toBe(0);
    expect(await systemDb().piiRecord.count({ where: { id: { in: gone.map((o) => o.piiRecordId) } } })).toBe(
      0,
    );
    expect(
      await systemDb().piiRecord.count({ where: { id: { in: [d89!.piiRecordId, live!.piiRecordId] } } }),
    ).toBe(2);
    // The 89-day one goes a day later.
    expect(await purgeDeletedOrders(org.id, { now: new Date(now.getTime() + DAY) })).toEqual({ deleted: 1 });
  });

  it('soft delete is audited and refuses an unknown order with 404', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const [order] = await createOrdersWithPii(manager, [{}]);
    const now = new Date();
    await softDeleteOrder(manager, { orderId: order!.id }, now);
    expect((await systemDb().order.findUnique({ where: { id: order!.id } }))?.deletedAt).toEqual(now);
    await expect(softDeleteOrder(manager, { orderId: order!.id }, now)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expectInvalidInput(softDeleteOrder(manager, { orderId: 'nope' }, now), 'orderId');
  });

  it('a legal hold keeps an order: soft delete is refused, and the purge skips one held after deletion', async () => {
    const org = await createOrganization();
    const owner = await memberContext(org.id, 'OWNER');
    const [held, deleted] = await createOrdersWithPii(owner, [{}, {}]);
    const now = new Date();
    const hold = await placeOrderHold(
      owner,
      { orderId: held!.id, kind: 'LEGAL', reason: 'Court order 123' },
      now,
    );
    const refused = await expectAppError(softDeleteOrder(owner, { orderId: held!.id }, now), 'CONFLICT');
    expect(refused.message).toMatch(/legal hold/);
    await releaseOrderHold(owner, { holdId: hold.id }, now);
    await softDeleteOrder(owner, { orderId: held!.id }, now);

    // A hold placed on an order already deleted keeps it past the 90 days until it is released.
    const past = new Date(now.getTime() - 100 * DAY);
    await softDeleteOrder(owner, { orderId: deleted!.id }, past);
    await withTenant(org.id, (tx) =>
      tx.orderHold.create({
        data: {
          organizationId: org.id,
          orderId: deleted!.id,
          kind: 'LEGAL',
          reason: 'Litigation hold',
          placedByType: 'USER',
          placedAt: now,
        },
      }),
    );
    expect(await purgeDeletedOrders(org.id, { now })).toEqual({ deleted: 0 });
    expect(await systemDb().order.count({ where: { id: deleted!.id } })).toBe(1);
  });
});

describe('audit expiry', () => {
  it('expires events older than 12 months, keeps younger ones, and the chain still verifies', async () => {
    const org = await createOrganization();
    const now = new Date();
    const year = new Date(now);
    year.setUTCMonth(year.getUTCMonth() - 12);
    await seedAuditChain(org.id, [
      new Date(year.getTime() - 40 * DAY),
      new Date(year.getTime() - DAY),
      new Date(year.getTime() + DAY),
      now,
    ]);
    expect(await expireAuditEvents(org.id, { now })).toEqual({ expired: 2 });
    const kept = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } }),
    );
    expect(kept.map((e) => e.seq)).toEqual([3n, 4n]);
    expect(await withTenant(org.id, (tx) => verifyAuditChain(tx, org.id))).toEqual({ ok: true, events: 2 });
    // Idempotent.
    expect(await expireAuditEvents(org.id, { now })).toEqual({ expired: 0 });
  });

  it('refuses to expire anything younger than 12 months, and the trigger still refuses direct deletes', async () => {
    const org = await createOrganization();
    const now = new Date();
    await seedAuditChain(org.id, [new Date(now.getTime() - 200 * DAY), now]);
    // A clock pushed forward cannot move the floor: the database checks against its own clock.
    await expect(expireAuditEvents(org.id, { now: new Date(now.getTime() + 400 * DAY) })).rejects.toThrow(
      /younger than 12 months/,
    );
    await asOwner(async (c) => {
      await c.query(`SELECT set_config('app.organization_id', $1, false)`, [org.id]);
      // Even the owner setting the function's flag by hand cannot delete a young event.
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.audit_purge', 'on', true)`);
      await expect(c.query(`DELETE FROM audit_events WHERE organization_id = $1`, [org.id])).rejects.toThrow(
        /append-only/,
      );
      await c.query('ROLLBACK');
    });
    // The app role has no DELETE privilege at all.
    await expect(
      withTenant(
        org.id,
        (tx) => tx.$executeRaw`DELETE FROM audit_events WHERE organization_id = ${org.id}::uuid`,
      ),
    ).rejects.toThrow(/permission denied/);
    expect(await withTenant(org.id, (tx) => tx.auditEvent.count())).toBe(2);
  });
});

describe('retention pass', () => {
  it('runs every rule and records each run with what it processed', async () => {
    const org = await createOrganization();
    const manager = await memberContext(org.id, 'MANAGER');
    const now = new Date();
    await createOrdersWithPii(manager, [
      { completedAt: daysBefore(now, 45) },
      { completedAt: daysBefore(now, 100), deletedAt: daysBefore(now, 95) },
    ]);
    const progress: unknown[] = [];
    const result = await runRetentionPass(org.id, { now, onProgress: (p) => void progress.push(p) });
    expect(result).toEqual({ ANONYMISE_BUYER_PII: 2, HARD_DELETE_ORDERS: 1, EXPIRE_AUDIT_EVENTS: 0 });
    expect(progress).toContainEqual({ rule: 'ANONYMISE_BUYER_PII', done: 2, total: 2 });
    const runs = await withTenant(org.id, (tx) =>
      tx.retentionRun.findMany({
        orderBy: { startedAt: 'asc' },
        select: { rule: true, status: true, processed: true },
      }),
    );
    expect(runs).toEqual([
      { rule: 'ANONYMISE_BUYER_PII', status: 'SUCCEEDED', processed: 2 },
      { rule: 'HARD_DELETE_ORDERS', status: 'SUCCEEDED', processed: 1 },
      { rule: 'EXPIRE_AUDIT_EVENTS', status: 'SUCCEEDED', processed: 0 },
    ]);
  });
});
