// Records a refund given for an RMA (amount, currency, reason, who and when). Recorded in Packline
// only: Amazon takes refunds of merchant-fulfilled orders through the Feeds API
// (POST_PAYMENT_ADJUSTMENT_DATA), which Packline's SP-API simulator does not model, so nothing is
// pushed to the channel (README "Returns"; docs/returns.md).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { actorOf, auditBase } from '../inventory/actor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { lockReturn } from './load.ts';
import { toMinorUnits } from './money.ts';
import { ZRecordRefundInput, type TRecordRefundInput } from './schemas.ts';

export async function recordRefund(ctx: TenantContext, input: TRecordRefundInput) {
  assertPermission(ctx, 'returns.manage');
  const data = ZRecordRefundInput.parse(input);
  const amountMinor = toMinorUnits(data.amount, data.currency);
  if (amountMinor <= 0n) throw new AppError('BAD_REQUEST', 'a refund needs an amount above zero');
  const organizationId = ctx.organizationId;
  return withTenant(organizationId, async (tx) => {
    const rma = await lockReturn(tx, organizationId, data.returnId);
    const refund = await tx.returnRefund.create({
      data: {
        organizationId,
        returnId: rma.id,
        amountMinor,
        currency: data.currency,
        reason: data.reason,
        ...actorOf(ctx),
      },
      select: { id: true, amountMinor: true, currency: true },
    });
    await recordAuditEvent(tx, {
      ...auditBase(ctx),
      action: 'return.refunded',
      targetType: 'return',
      targetId: rma.id,
      metadata: {
        number: rma.number,
        refundId: refund.id,
        amountMinor: Number(amountMinor),
        currency: data.currency,
        pushedToChannel: false,
      },
    });
    return { id: refund.id, number: rma.number, amountMinor: refund.amountMinor, currency: refund.currency };
  });
}
