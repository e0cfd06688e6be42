import type { Metadata } from 'next';
import Link from 'next/link';
import { ClipboardCheck } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listCountTasks } from '@/lib/inventory/list-count-tasks.ts';
import { CountTaskForm } from '../forms.tsx';
import { InventoryTabs } from '../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cycle counts' };

const STATUS_TONE: Record<string, BadgeTone> = {
  OPEN: 'info',
  PENDING_APPROVAL: 'warning',
  COMPLETED: 'success',
  REJECTED: 'danger',
};

export default async function CountsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  const tasks = await listCountTasks(tenant.ctx);
  const orgSlug = tenant.organization.slug;

  return (
    <>
      <PageHeader
        title="Cycle counts"
        description="Blind counts per bin; variances need a manager’s approval."
      />
      <InventoryTabs orgSlug={orgSlug} current="counts" />
      {holds(tenant, 'inventory.update') ? (
        <Card className="mb-6">
          <CardHeader title="Count a bin" />
          <div className="p-4">
            <CountTaskForm orgSlug={orgSlug} />
          </div>
        </Card>
      ) : null}
      {tasks.length === 0 ? (
        <EmptyState
          icon={ClipboardCheck}
          title="No counts yet"
          description="Scan a bin above to start one."
        />
      ) : (
        <Table caption="Count tasks">
          <TableHead>
            <tr>
              <TableHeaderCell>Counting</TableHeaderCell>
              <TableHeaderCell>Warehouse</TableHeaderCell>
              <TableHeaderCell>Blind</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {tasks.map((t) => (
              <TableRow key={t.id}>
                <TableCell className="font-medium">
                  <Link className="hover:underline" href={`/${orgSlug}/inventory/counts/${t.id}`}>
                    {t.location ? `Bin ${t.location.code}` : `SKU ${t.product?.sku ?? '?'}`}
                  </Link>
                </TableCell>
                <TableCell>{t.warehouse.code}</TableCell>
                <TableCell>{t.blind ? 'Yes' : 'No'}</TableCell>
                <TableCell>
                  <Badge tone={STATUS_TONE[t.status]}>{t.status.replace('_', ' ')}</Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
