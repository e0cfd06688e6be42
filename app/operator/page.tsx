import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Brand } from '@/components/shell/brand.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { getOperatorSession } from '@/lib/auth/operator-session.ts';
import { listOrganizationsForOperator } from '@/lib/operators/list-organizations-for-operator.ts';
import { operatorSignOutAction } from './actions.ts';
import { SuspendButton } from './suspend-button.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Operator console' };

// The platform operator console (issue 3, item 10): organizations and their status, and
// suspension. No orders, no buyer data: those need a break-glass grant from the organization's owner.
export default async function OperatorConsolePage() {
  const operator = await getOperatorSession();
  if (!operator) redirect('/operator/sign-in');
  const organizations = await listOrganizationsForOperator();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <header className="flex items-center justify-between gap-4">
        <Brand />
        <div className="flex items-center gap-3 text-sm text-ink-muted">
          <span>Operator: {operator.email}</span>
          <form action={operatorSignOutAction}>
            <Button type="submit" size="sm">
              Sign out
            </Button>
          </form>
        </div>
      </header>
      <h1 className="text-lg font-semibold text-ink">Organizations</h1>
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
    </main>
  );
}
