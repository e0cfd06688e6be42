import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getCountTaskOrThrow } from '@/lib/inventory/get-count-task.ts';
import { ReviewCountButtons, SubmitCountForm } from '../../forms.tsx';
import { InventoryTabs } from '../../inventory-tabs.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Count' };

/** One count task: the counter's sheet (blind: no expected quantities), then the manager's review. */
export default async function CountTaskPage({
  params,
}: {
  params: Promise<{ org: string; countTaskId: string }>;
}) {
  const { org: slug, countTaskId } = await params;
  const tenant = await requireTenant(slug, 'inventory.read');
  if (!z.uuid().safeParse(countTaskId).success) notFound();
  const task = await getCountTaskOrThrow(tenant.ctx, { countTaskId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!task) notFound();
  const orgSlug = tenant.organization.slug;
  const showExpected = task.lines.some((l) => 'expectedQuantity' in l);

  return (
    <>
      <PageHeader
        title="Count"
        description={
          task.blind ? 'Blind count: expected quantities are hidden from the counter.' : 'Open count.'
        }
        actions={
          <Badge tone={task.status === 'PENDING_APPROVAL' ? 'warning' : 'info'}>
            {task.status.replace('_', ' ')}
          </Badge>
        }
      />
      <InventoryTabs orgSlug={orgSlug} current="counts" />
      {task.status === 'OPEN' && holds(tenant, 'inventory.update') ? (
        <Card className="mb-6">
          <CardHeader title="Enter what you count" />
          <div className="p-4">
            {task.lines.length === 0 ? (
              <EmptyState
                title="Nothing expected here"
                description="The bin held no stock when the task was made."
              />
            ) : (
              <SubmitCountForm
                orgSlug={orgSlug}
                countTaskId={task.id}
                lines={task.lines.map((l) => ({
                  lineId: l.lineId,
                  locationCode: l.locationCode,
                  sku: l.sku,
                  lotNumber: l.lotNumber,
                }))}
              />
            )}
          </div>
        </Card>
      ) : null}
      {/* A blind count stays blind on screen while open, even for someone who could approve it. */}
      {task.status !== 'OPEN' || (!task.blind && showExpected) ? (
        <Table caption="Count lines">
          <TableHead>
            <tr>
              <TableHeaderCell>Bin</TableHeaderCell>
              <TableHeaderCell>SKU</TableHeaderCell>
              <TableHeaderCell>Lot</TableHeaderCell>
              {showExpected ? <TableHeaderCell align="right">Expected</TableHeaderCell> : null}
              <TableHeaderCell align="right">Counted</TableHeaderCell>
              {showExpected ? <TableHeaderCell align="right">Variance</TableHeaderCell> : null}
            </tr>
          </TableHead>
          <TableBody>
            {task.lines.map((l) => (
              <TableRow key={l.lineId}>
                <TableCell>{l.locationCode}</TableCell>
                <TableCell>{l.sku}</TableCell>
                <TableCell>{l.lotNumber ?? '—'}</TableCell>
                {showExpected ? <TableCell numeric>{l.expectedQuantity ?? '—'}</TableCell> : null}
                <TableCell numeric>{l.countedQuantity ?? '—'}</TableCell>
                {showExpected ? <TableCell numeric>{l.variance ?? '—'}</TableCell> : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {task.status === 'PENDING_APPROVAL' && holds(tenant, 'inventory.approve') ? (
        <div className="mt-6">
          <ReviewCountButtons orgSlug={orgSlug} countTaskId={task.id} />
        </div>
      ) : null}
    </>
  );
}
