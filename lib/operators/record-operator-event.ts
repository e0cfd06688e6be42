// The operator side of the audit trail (operator_audit_events, a global table). Organization-side
// events go to that organization's hash-chained AuditEvent log as well, by the caller.
import type { Prisma } from '../db/generated/prisma/client.ts';
import { appDb } from '../db/client.ts';
import { ZAuditMetadata } from '../audit/schemas.ts';

export async function recordOperatorEvent(input: {
  operatorId: string | null;
  action: string;
  targetOrganizationId?: string | null;
  ip?: string | null;
  metadata?: Record<string, string | number | boolean | null | string[]>;
}): Promise<void> {
  await appDb().operatorAuditEvent.create({
    data: {
      operatorId: input.operatorId,
      action: input.action,
      targetOrganizationId: input.targetOrganizationId ?? null,
      ip: input.ip ?? null,
      metadata: ZAuditMetadata.parse(input.metadata ?? {}) as Prisma.InputJsonValue,
    },
  });
}
