// Queues a listings import (import-listings.ts) of one integration: at connect and from the
// listings screen's "Import listings" button. One import per integration at a time: the job id
// is deterministic, so pressing the button again while one waits or runs adds nothing.
import { z } from 'zod';
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../errors/app-error.ts';
import { enqueue, jobIdFor } from '../../jobs/registry.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';

export const importListingsJobId = (integrationId: string): string =>
  jobIdFor('amazon.import-listings', integrationId);

/** Enqueues without checks: for callers that just created or verified the integration. */
export async function enqueueListingsImport(organizationId: string, integrationId: string): Promise<void> {
  await enqueue(
    'amazon.import-listings',
    { organizationId, integrationId },
    { jobId: importListingsJobId(integrationId) },
  );
}

export const ZRequestListingsImportInput = z.strictObject({ integrationId: z.uuid() });

/** "Import listings": the integration must be this organization's and connected. */
export async function requestListingsImport(
  ctx: TenantContext,
  input: z.input<typeof ZRequestListingsImportInput>,
): Promise<{ queued: true }> {
  assertPermission(ctx, 'integrations.manage');
  const { integrationId } = ZRequestListingsImportInput.parse(input);
  const found = await withTenant(ctx.organizationId, (tx) =>
    tx.amazonIntegration.findFirst({
      where: { organizationId: ctx.organizationId, id: integrationId },
      select: { status: true },
    }),
  );
  if (!found) throw new AppError('NOT_FOUND', 'integration not found');
  if (found.status === 'DISCONNECTED') throw new AppError('CONFLICT', 'the integration is disconnected');
  await enqueueListingsImport(ctx.organizationId, integrationId);
  return { queued: true };
}
