import type { Metadata } from 'next';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { TransferForm } from '../forms.tsx';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Transfer stock' };

export default async function TransferPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.update');
  const orgSlug = tenant.organization.slug;
  return (
    <>
      <PageHeader
        title="Transfer stock"
        description="Bin to bin, or warehouse to warehouse. Reserved units cannot be moved."
      />
      <InventoryTabs orgSlug={orgSlug} current="transfer" />
      <Card>
        <CardHeader title="Move" />
        <div className="p-4">
          <TransferForm orgSlug={orgSlug} />
        </div>
      </Card>
    </>
  );
}
