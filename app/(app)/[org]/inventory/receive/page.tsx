import type { Metadata } from 'next';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { ReceiveForm } from '../forms.tsx';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Receive stock' };

export default async function ReceivePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.update');
  const orgSlug = tenant.organization.slug;
  return (
    <>
      <PageHeader
        title="Receive stock"
        description="Scan the bin, then each product (and its lot). Enter moves to the next field and books the line."
      />
      <InventoryTabs orgSlug={orgSlug} current="receive" />
      <Card>
        <CardHeader
          title="Goods in"
          description="Blind receipt: lots and expiry are captured where the product needs them."
        />
        <div className="p-4">
          <ReceiveForm orgSlug={orgSlug} />
        </div>
      </Card>
    </>
  );
}
