import type { Metadata } from 'next';
import { PackStation } from '@/components/fulfilment/pack-station.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Packing station' };

export default async function PackPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.pack');
  return (
    <>
      <PageHeader
        title="Packing station"
        description="Scan the order, then every unit. The last unit closes the parcel and prints its label."
      />
      <PackStation orgSlug={tenant.organization.slug} />
    </>
  );
}
