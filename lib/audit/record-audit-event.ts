// Appends one event to the organization's audit chain, inside the caller's tenant transaction
// (so the event commits or rolls back with the change it records).
import type { TenantTx } from '../db/tenant.ts';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';
import { ZRecordAuditEventInput, type TRecordAuditEventInput } from './schemas.ts';

export async function recordAuditEvent(tx: TenantTx, input: TRecordAuditEventInput) {
  const event = ZRecordAuditEventInput.parse(input);
  // One writer per organization chain at a time; the lock ends with the transaction.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${event.organizationId}`}, 0))`;
  const last = await tx.auditEvent.findFirst({
    where: { organizationId: event.organizationId },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  });
  // Store the address exactly as Postgres will print it back, so verification rehashes the same text.
  const ip = event.ip
    ? ((await tx.$queryRaw<{ ip: string }[]>`SELECT host(${event.ip}::inet) AS ip`)[0]?.ip ?? null)
    : null;
  const fields = {
    organizationId: event.organizationId,
    seq: (last?.seq ?? 0n) + 1n,
    at: new Date(),
    actorType: event.actorType,
    actorId: event.actorId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    purpose: event.purpose ?? null,
    ip,
    requestId: event.requestId ?? null,
    metadata: event.metadata,
  };
  const prevHash = last ? Buffer.from(last.hash) : GENESIS_HASH;
  const hash = auditEventHash(prevHash, fields);
  return tx.auditEvent.create({
    data: { ...fields, prevHash: new Uint8Array(prevHash), hash: new Uint8Array(hash) },
    select: { id: true, seq: true },
  });
}
