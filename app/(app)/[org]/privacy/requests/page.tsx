import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listDsrs } from '@/lib/privacy/dsr.ts';
import { DsrActions, OpenDsrForm } from './dsr-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data-subject requests' };

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function DsrPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'privacy.dsr');
  const requests = await listDsrs(tenant.ctx);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Data-subject requests"
        description="Access, rectification, erasure, restriction and objection requests from buyers, answered within 30 days. For marketplace buyers you are the controller; Packline assists."
      />
      <Card className="mb-6">
        <CardHeader
          title="Open a request"
          description="The lookup value is used once to find the buyer and is not stored."
        />
        <div className="p-4">
          <OpenDsrForm orgSlug={tenant.organization.slug} />
        </div>
      </Card>
      <Table caption="Requests" showCaption>
        <TableHead>
          <tr>
            <TableHeaderCell>Request</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Received</TableHeaderCell>
            <TableHeaderCell>Due</TableHeaderCell>
            <TableHeaderCell align="right">Records</TableHeaderCell>
            <TableHeaderCell align="right">Actions</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {requests.map((r) => {
            const overdue = r.status === 'OPEN' && r.dueAt < now;
            return (
              <TableRow key={r.id}>
                <TableCell className="font-medium">{r.kind.toLowerCase()}</TableCell>
                <TableCell>
                  <Badge tone={r.status === 'COMPLETED' ? 'success' : overdue ? 'danger' : 'warning'}>
                    {overdue ? 'overdue' : r.status.toLowerCase()}
                  </Badge>
                </TableCell>
                <TableCell>{date.format(r.receivedAt)}</TableCell>
                <TableCell>{date.format(r.dueAt)}</TableCell>
                <TableCell align="right" numeric>
                  {r.piiRecordIds.length}
                </TableCell>
                <TableCell align="right">
                  <DsrActions
                    orgSlug={tenant.organization.slug}
                    requestId={r.id}
                    kind={r.kind}
                    open={r.status === 'OPEN'}
                    recordIds={r.piiRecordIds}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
