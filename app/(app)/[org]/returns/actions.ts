'use server';
// Returns screens' server actions: each parses its input, resolves the tenant and permission
// through tenantAction and calls one use case.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { closeReturn } from '@/lib/returns/close-return.ts';
import { createReturn } from '@/lib/returns/create-return.ts';
import { receiveReturn } from '@/lib/returns/receive-return.ts';
import { recordRefund } from '@/lib/returns/record-refund.ts';
import { releaseReturnFromQuarantine } from '@/lib/returns/release-return.ts';
import {
  ZCreateReturnInput,
  ZReceiveReturnInput,
  ZRecordRefundInput,
  ZReleaseReturnInput,
  ZReturnIdInput,
} from '@/lib/returns/schemas.ts';

export const createReturnAction = tenantAction(
  ZCreateReturnInput,
  'returns.manage',
  async ({ ctx, input }) => {
    const rma = await createReturn(ctx, input);
    return { id: rma.id, number: rma.number };
  },
);

export const receiveReturnAction = tenantAction(
  ZReceiveReturnInput,
  'returns.manage',
  async ({ ctx, input }) => {
    const r = await receiveReturn(ctx, input);
    return {
      number: r.number,
      status: r.status,
      disposition: r.disposition,
      quantity: r.quantity,
      binCode: r.binCode,
    };
  },
);

export const releaseReturnAction = tenantAction(
  ZReleaseReturnInput,
  'returns.manage',
  async ({ ctx, input }) => releaseReturnFromQuarantine(ctx, input),
);

export const recordRefundAction = tenantAction(
  ZRecordRefundInput,
  'returns.manage',
  async ({ ctx, input }) => {
    const refund = await recordRefund(ctx, input);
    return { number: refund.number, amountMinor: refund.amountMinor.toString(), currency: refund.currency };
  },
);

export const closeReturnAction = tenantAction(ZReturnIdInput, 'returns.manage', async ({ ctx, input }) =>
  closeReturn(ctx, input),
);
