import { JobProgress } from '@/components/ui/job-progress.tsx';
import { importListingsJobId } from '@/lib/channels/amazon/import-listings-request.ts';
import { readJobProgress } from '@/lib/jobs/job-progress.ts';
import type { TenantContext } from '@/lib/tenancy/tenant-context.ts';

/** The listings imports of these integrations while they wait or run, live. */
export async function ListingImportProgress({
  ctx,
  integrations,
}: {
  ctx: TenantContext;
  integrations: readonly { id: string; sellingPartnerId: string }[];
}) {
  const running = await Promise.all(
    integrations.map(async (i) => ({
      integration: i,
      progress: await readJobProgress(ctx, 'amazon.import-listings', importListingsJobId(i.id)),
    })),
  );
  const now = new Date();
  return running.map(({ integration, progress }) =>
    progress ? (
      <div key={integration.id} className="mb-4">
        <JobProgress
          title={`Importing listings from Amazon ${integration.sellingPartnerId}`}
          {...progress}
          unit="listings"
          now={now}
          testId="listing-import-progress"
        />
      </div>
    ) : null,
  );
}
