'use server';
// Pick list server actions: each parses its input, resolves the tenant and permission through
// tenantAction and calls one use case.
import { revalidatePath } from 'next/cache';
import { tenantAction } from '@/lib/auth/tenant-action.ts';
import { confirmPick } from '@/lib/fulfilment/confirm-pick.ts';
import { createPickList } from '@/lib/fulfilment/create-pick-list.ts';
import { ZConfirmPickInput, ZCreatePickListInput } from '@/lib/fulfilment/pick-list-schemas.ts';

export const createPickListAction = tenantAction(
  ZCreatePickListInput,
  'fulfilment.pick',
  async ({ ctx, organization, input }) => {
    const created = await createPickList(ctx, input);
    // The orders it took are no longer pickable: every screen of the organization reads afresh.
    revalidatePath(`/${organization.slug}`, 'layout');
    return created;
  },
);

export const confirmPickAction = tenantAction(ZConfirmPickInput, 'fulfilment.pick', ({ ctx, input }) =>
  confirmPick(ctx, input),
);
