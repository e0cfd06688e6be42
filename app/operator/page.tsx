import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { listOrganizationsForOperator } from '@/lib/operators/list-organizations-for-operator.ts';
import { OperatorShell, requireOperator } from './operator-shell.tsx';
import { SuspendButton } from './suspend-button.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Operator console' };

// The platform operator console (issue 3, item 10): organizations and their status, and
// suspension. No orders, no buyer data: those need a break-glass grant from the organization's owner.
export default async function OperatorConsolePage() {
  const operator = await requireOperator();
  const organizations = await listOrganizationsForOperator();
  return (
    <OperatorShell operator={operator} current="/operator" title="Organizations">
      <Table caption="Organizations">
        <TableHead>
          <tr>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Slug</TableHeaderCell>
            <TableHeaderCell align="right">Members</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell align="right">Actions</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {organizations.map((o) => (
            <TableRow key={o.id}>
              <TableCell className="font-medium">{o.name}</TableCell>
              <TableCell>
                <code className="text-xs">{o.slug}</code>
              </TableCell>
              <TableCell align="right" numeric>
                {o.members}
              </TableCell>
              <TableCell>
                <Badge tone={o.status === 'ACTIVE' ? 'accent' : 'neutral'}>
                  {o.status === 'ACTIVE' ? 'Active' : 'Suspended'}
                </Badge>
              </TableCell>
              <TableCell align="right">
                <SuspendButton organizationId={o.id} name={o.name} suspended={o.status === 'SUSPENDED'} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </OperatorShell>
  );
}
