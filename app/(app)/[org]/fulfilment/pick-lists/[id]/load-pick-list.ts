import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getPickList } from '@/lib/fulfilment/get-pick-list.ts';
import type { TenantContext } from '@/lib/tenancy/tenant-context.ts';

/** The pick list of the page, or the 404 page (missing, another tenant's, or a malformed id). */
export async function loadPickListOr404(ctx: TenantContext, pickListId: string) {
  try {
    return await getPickList(ctx, { pickListId });
  } catch (error) {
    // A malformed id fails zod before the lookup: that page does not exist either.
    if (
      (isAppError(error) && error.code === 'NOT_FOUND') ||
      (error instanceof Error && error.name === 'ZodError')
    ) {
      notFound();
    }
    throw error;
  }
}
