import type { Metadata } from 'next';
import { PickStation } from '@/components/fulfilment/pick-station.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { loadPickListOr404 } from '../load-pick-list.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Picking' };

/** The picking station (tablet width): scan bin, item (and lot), confirm the quantity. */
export default async function PickPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const tenant = await requireTenant(slug, 'fulfilment.pick');
  const list = await loadPickListOr404(tenant.ctx, id);
  return <PickStation orgSlug={tenant.organization.slug} initial={list} />;
}
