import type { Metadata } from 'next';
import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listIncidentsForOrganization, type IncidentDeadline } from '@/lib/privacy/incidents.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incidents' };

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const DEADLINE = {
  containment: 'Contained',
  amazon: 'Amazon notified',
  regulator: 'Regulator notified',
  data_subjects: 'Affected people notified',
};

function DeadlineStatus({ d }: { d: IncidentDeadline }) {
  const tone = d.overdue ? 'danger' : d.doneAt ? 'success' : 'warning';
  const text = d.doneAt
    ? `${utc(d.doneAt)}${d.overdue ? ' (late)' : ''}`
    : d.overdue
      ? `overdue since ${utc(d.dueAt)}`
      : `due ${utc(d.dueAt)}`;
  return (
    <Badge tone={tone} className="h-auto whitespace-normal">
      {DEADLINE[d.name]}: {text}
    </Badge>
  );
}

// The merchant's view of the platform incident register (privacy engine §8): only the incidents
// that list this organization, their deadlines, when merchants were notified and whether the
// post-incident review is done. No other organization's ids, no operator ids.
export default async function OrganizationIncidentsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'security.read');
  const now = new Date();
  const incidents = await listIncidentsForOrganization(tenant.ctx, now);
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Security or personal-data incidents recorded by Packline's operators that concern this organization."
      />
      <p className="mb-4 text-sm">
        <Link href={`/${tenant.organization.slug}/security`} className="text-accent-700 hover:underline">
          ← Security
        </Link>
      </p>
      {incidents.length === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title="No incidents"
          description="No incident recorded by Packline concerns this organization."
        />
      ) : (
        <Table caption="Incidents that concern this organization">
          <TableHead>
            <tr>
              <TableHeaderCell>Detected</TableHeaderCell>
              <TableHeaderCell>Incident</TableHeaderCell>
              <TableHeaderCell>Data</TableHeaderCell>
              <TableHeaderCell>Deadlines</TableHeaderCell>
              <TableHeaderCell>You were notified</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {incidents.map((i) => (
              <TableRow key={i.id} data-testid="org-incident">
                <TableCell className="whitespace-nowrap">{utc(i.detectedAt)}</TableCell>
                <TableCell>
                  <span className="font-medium">{i.title}</span>{' '}
                  <Badge tone={i.severity === 'CRITICAL' || i.severity === 'HIGH' ? 'danger' : 'neutral'}>
                    {i.severity.toLowerCase()}
                  </Badge>
                  <p className="text-xs whitespace-pre-wrap text-ink-muted">{i.scope}</p>
                </TableCell>
                <TableCell className="text-xs">{i.dataCategories.join(', ') || '—'}</TableCell>
                <TableCell>
                  <div className="flex flex-col items-start gap-1">
                    {i.deadlines.map((d) => (
                      <DeadlineStatus key={d.name} d={d} />
                    ))}
                  </div>
                </TableCell>
                <TableCell className="text-xs" data-testid="org-incident-notified">
                  {i.merchantsNotifiedAt ? utc(i.merchantsNotifiedAt) : 'not yet'}
                </TableCell>
                <TableCell>
                  <Badge tone={i.reviewCompletedAt ? 'success' : i.containedAt ? 'info' : 'danger'}>
                    {i.reviewCompletedAt ? 'closed (reviewed)' : i.containedAt ? 'contained' : 'open'}
                  </Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
