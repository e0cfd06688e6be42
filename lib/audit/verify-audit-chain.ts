// Walks an organization's audit chain in seq order and recomputes every hash.
import type { AuditEvent } from '../db/generated/prisma/client.ts';
import type { TenantTx } from '../db/tenant.ts';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';

export type TAuditChainReport =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAtSeq: bigint; reason: 'hash-mismatch' | 'link-mismatch' | 'gap' };

const BATCH = 1000;

export async function verifyAuditChain(tx: TenantTx, organizationId: string): Promise<TAuditChainReport> {
  let prevHash: Buffer | null = null;
  let expectedSeq: bigint | null = null;
  let events = 0;
  for (;;) {
    const rows: AuditEvent[] = await tx.auditEvent.findMany({
      where: { organizationId, ...(expectedSeq !== null ? { seq: { gte: expectedSeq } } : {}) },
      orderBy: { seq: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      // The first retained event anchors the chain (earlier ones may be expired by retention).
      if (expectedSeq !== null && row.seq !== expectedSeq)
        return { ok: false, events, brokenAtSeq: expectedSeq, reason: 'gap' };
      const storedPrev = Buffer.from(row.prevHash);
      if (prevHash === null && row.seq === 1n && !storedPrev.equals(GENESIS_HASH)) {
        return { ok: false, events, brokenAtSeq: row.seq, reason: 'link-mismatch' };
      }
      if (prevHash !== null && !storedPrev.equals(prevHash)) {
        return { ok: false, events, brokenAtSeq: row.seq, reason: 'link-mismatch' };
      }
      const hash = auditEventHash(storedPrev, row);
      if (!hash.equals(Buffer.from(row.hash)))
        return { ok: false, events, brokenAtSeq: row.seq, reason: 'hash-mismatch' };
      prevHash = hash;
      expectedSeq = row.seq + 1n;
      events += 1;
    }
    if (rows.length < BATCH) return { ok: true, events };
  }
}
