// Closes an RMA: no more receipts. Closed short, its unreceived units are no longer held against
// the order line (they can be on a new RMA if the buyer sends them after all).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { auditBase } from '../inventory/actor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { assertOpen, lockReturn } from './load.ts';
import { ZReturnIdInput, type TReturnIdInput } from './schemas.ts';

export async function closeReturn(ctx: TenantContext, input: TReturnIdInput) {
  assertPermission(ctx, 'returns.manage');
  const data = ZReturnIdInput.parse(input);
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const rma = await lockReturn(tx, organizationId, data.returnId);
    assertOpen(rma);
    await tx.returnAuthorization.update({
      where: { id: rma.id },
      data: { status: 'CLOSED', closedAt: new Date() },
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'return.closed',
      targetType: 'return',
      targetId: rma.id,
      metadata: { number: rma.number, expected: rma.quantityExpected, received: rma.quantityReceived },
    });
    return { number: rma.number };
  });
}
