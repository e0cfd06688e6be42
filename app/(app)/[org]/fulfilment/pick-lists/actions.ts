'use server';
// Pick list server actions: each parses its input, resolves the tenant and permission through
// tenantAction and calls one use case.
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { confirmPick } from '@/lib/fulfilment/confirm-pick.ts';
import { createPickList } from '@/lib/fulfilment/create-pick-list.ts';
import { ZConfirmPickInput, ZCreatePickListInput } from '@/lib/fulfilment/pick-list-schemas.ts';

export const createPickListAction = tenantAction(ZCreatePickListInput, 'fulfilment.pick', ({ ctx, input }) =>
  createPickList(ctx, input),
);

export const confirmPickAction = tenantAction(ZConfirmPickInput, 'fulfilment.pick', ({ ctx, input }) =>
  confirmPick(ctx, input),
);
