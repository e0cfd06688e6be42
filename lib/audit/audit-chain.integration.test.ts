import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../db/tenant.ts';
import { getEnv } from '../env.ts';
import { createOrganization } from '../../tests/factories.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_OWNER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const event = (organizationId: string, n: number) => ({
  organizationId,
  actorType: 'SYSTEM' as const,
  action: 'test.happened',
  targetType: 'thing',
  targetId: `thing-${n}`,
  ip: '2001:0db8:0000:0000:0000:0000:0000:0001',
  metadata: { n, fields: ['name', 'email'] },
});

describe('audit chain', () => {
  it('chains concurrent appends without gaps and verifies', async () => {
    const org = await createOrganization();
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        withTenant(org.id, (tx) => recordAuditEvent(tx, event(org.id, n))),
      ),
    );
    const seqs = await withTenant(org.id, (tx) =>
      tx.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } }),
    );
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await withTenant(org.id, (tx) => verifyAuditChain(tx, org.id))).toEqual({ ok: true, events: 20 });
  });

  it('keeps each organization’s chain separate', async () => {
    const [a, b] = [await createOrganization(), await createOrganization()];
    await withTenant(a.id, (tx) => recordAuditEvent(tx, event(a.id, 1)));
    const second = await withTenant(b.id, (tx) => recordAuditEvent(tx, event(b.id, 1)));
    expect(second.seq).toBe(1n);
    await expect(withTenant(a.id, (tx) => recordAuditEvent(tx, event(b.id, 2)))).rejects.toThrow(
      /row-level security/,
    );
  });

  it('detects a tampered row, and the trigger refuses UPDATE and DELETE even to the owner', async () => {
    const org = await createOrganization();
    for (let n = 0; n < 3; n++) await withTenant(org.id, (tx) => recordAuditEvent(tx, event(org.id, n)));
    await asOwner(async (c) => {
      // The owner is subject to RLS too (FORCE): it needs the tenant set to see the rows at all.
      await c.query(`SELECT set_config('app.organization_id', $1, false)`, [org.id]);
      await expect(
        c.query(`UPDATE audit_events SET action = 'x.y' WHERE organization_id = $1`, [org.id]),
      ).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM audit_events WHERE organization_id = $1`, [org.id])).rejects.toThrow(
        /append-only/,
      );
      // Simulate an attacker with the owner's powers who disables the trigger first.
      await c.query('BEGIN');
      await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await c.query(`UPDATE audit_events SET target_id = 'other' WHERE organization_id = $1 AND seq = 2`, [
        org.id,
      ]);
      await c.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
      await c.query('COMMIT');
    });
    expect(await withTenant(org.id, (tx) => verifyAuditChain(tx, org.id))).toEqual({
      ok: false,
      events: 1,
      brokenAtSeq: 2n,
      reason: 'hash-mismatch',
    });
  });

  it('refuses metadata that could carry PII or secrets', async () => {
    const org = await createOrganization();
    await expect(
      withTenant(org.id, (tx) =>
        recordAuditEvent(tx, { ...event(org.id, 1), metadata: { buyerEmail: 'a@b.c' } }),
      ),
    ).rejects.toThrow(/may hold PII/);
  });
});
