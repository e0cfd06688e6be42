// An operator suspends (or reinstates) an organization. Suspension blocks every member, API client
// and grant on the very next request (resolve-tenant-context.ts) and the token endpoint. Recorded
// in the operator audit log and in the organization's own audit chain.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { recordOperatorEvent } from './record-operator-event.ts';
import { ZSuspendOrganizationInput, type TSuspendOrganizationInput } from './schemas.ts';

export async function suspendOrganization(
  operatorId: string,
  input: TSuspendOrganizationInput,
  meta: { ip?: string; requestId?: string } = {},
): Promise<void> {
  const { organizationId, suspended, reason } = ZSuspendOrganizationInput.parse(input);
  await withTenant(organizationId, async (tx) => {
    const done = await tx.organization.updateMany({
      where: { id: organizationId },
      data: { status: suspended ? 'SUSPENDED' : 'ACTIVE' },
    });
    if (done.count !== 1) throw new AppError('NOT_FOUND', 'organization not found');
    await recordAuditEvent(tx, {
      organizationId,
      actorType: 'OPERATOR',
      actorId: operatorId,
      action: suspended ? 'organization.suspended' : 'organization.reinstated',
      targetType: 'organization',
      targetId: organizationId,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { reasonLength: reason.length },
    });
  });
  await recordOperatorEvent({
    operatorId,
    action: suspended ? 'organization.suspended' : 'organization.reinstated',
    targetOrganizationId: organizationId,
    ip: meta.ip,
    metadata: { reason: reason.slice(0, 200) },
  });
}
