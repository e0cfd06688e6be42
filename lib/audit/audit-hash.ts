// The hash chain of audit events: hash = SHA-256(prevHash || canonical JSON of the event's
// fields). Changing, removing or reordering a stored event breaks every later hash.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = Buffer.alloc(32);

export interface ChainedFields {
  organizationId: string;
  seq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  purpose: string | null;
  ip: string | null;
  requestId: string | null;
  metadata: unknown;
}

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function auditEventHash(prevHash: Uint8Array, f: ChainedFields): Buffer {
  // Fields named one by one: a stored row carries more (id, hashes) that must not enter the hash.
  const body = canonicalJson({
    organizationId: f.organizationId,
    seq: f.seq.toString(),
    at: f.at.toISOString(),
    actorType: f.actorType,
    actorId: f.actorId,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    purpose: f.purpose,
    ip: f.ip,
    requestId: f.requestId,
    metadata: f.metadata,
  });
  return createHash('sha256').update(prevHash).update(body).digest();
}
