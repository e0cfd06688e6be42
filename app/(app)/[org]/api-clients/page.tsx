import type { Metadata } from 'next';
import { KeyRound } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { delegablePermissions } from '@/lib/auth/permissions.ts';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listApiClients } from '@/lib/api-clients/list-api-clients.ts';
import { CreateApiClientForm, RevokeApiClientButton } from './api-client-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API clients' };

const date = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export default async function ApiClientsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'api_clients.manage');
  const clients = await listApiClients(tenant.ctx);
  // A client can be given only permissions its creator holds, never access management
  // (lib/api-clients/create-api-client.ts, lib/auth/permissions.ts).
  const grantable = delegablePermissions(tenant.ctx.permissions);

  return (
    <>
      <PageHeader
        title="API clients"
        description="Credentials for your own automation against the Packline REST API (POST /api/v1/auth/token)."
      />
      <Card className="mb-6">
        <CardHeader
          title="Create an API client"
          description="The secret is shown once. Give each integration only the permissions it needs."
        />
        <div className="p-4">
          <CreateApiClientForm orgSlug={tenant.organization.slug} permissions={grantable} />
        </div>
      </Card>

      {clients.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No API clients yet"
          description="Create one above to use the REST API."
        />
      ) : (
        <Table caption="API clients">
          <TableHead>
            <tr>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Client id</TableHeaderCell>
              <TableHeaderCell className="max-md:hidden">Permissions</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell align="right">Actions</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {clients.map((c) => (
              <TableRow key={c.id}>
                <TableCell className="font-medium">{c.name}</TableCell>
                <TableCell>
                  <code className="text-xs">{c.clientId}</code>
                </TableCell>
                <TableCell className="text-xs text-ink-muted max-md:hidden">
                  {c.permissions.join(', ')}
                </TableCell>
                <TableCell>
                  {c.revokedAt ? (
                    <Badge tone="neutral">Revoked</Badge>
                  ) : (
                    <Badge tone="accent">
                      Active{c.lastUsedAt ? ` · used ${date.format(c.lastUsedAt)}` : ''}
                    </Badge>
                  )}
                </TableCell>
                <TableCell align="right">
                  {c.revokedAt ? null : (
                    <RevokeApiClientButton
                      orgSlug={tenant.organization.slug}
                      apiClientId={c.id}
                      name={c.name}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
