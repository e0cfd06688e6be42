import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { listOrganizationsForOperator } from '@/lib/operators/list-organizations-for-operator.ts';
import { listIncidents } from '@/lib/privacy/incidents.ts';
import { OperatorShell, requireOperator } from '../operator-shell.tsx';
import { DeadlineBadge, utcTime } from './incident-deadlines.tsx';
import { RecordIncidentForm } from './incident-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incidents · Operator console' };

const SEVERITY_TONE = { LOW: 'neutral', MEDIUM: 'info', HIGH: 'warning', CRITICAL: 'danger' } as const;

// The incident register (privacy engine §8): open incidents first with their derived deadlines,
// overdue ones highlighted; recording a new one. Scope is operator prose, data is by category.
export default async function IncidentsPage() {
  const operator = await requireOperator();
  const now = new Date();
  const [incidents, organizations] = await Promise.all([listIncidents(now), listOrganizationsForOperator()]);
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  return (
    <OperatorShell operator={operator} current="/operator/incidents" title="Incident register">
      <Table caption="Incidents">
        <TableHead>
          <tr>
            <TableHeaderCell>Detected</TableHeaderCell>
            <TableHeaderCell>Incident</TableHeaderCell>
            <TableHeaderCell>Severity</TableHeaderCell>
            <TableHeaderCell>Organizations</TableHeaderCell>
            <TableHeaderCell>Data subjects</TableHeaderCell>
            <TableHeaderCell>Deadlines</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {incidents.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7}>No incidents recorded.</TableCell>
            </TableRow>
          ) : (
            incidents.map((i) => (
              <TableRow key={i.id} data-testid="incident-row">
                <TableCell className="whitespace-nowrap">{utcTime(i.detectedAt)}</TableCell>
                <TableCell>
                  <Link
                    href={`/operator/incidents/${i.id}`}
                    className="font-medium text-accent-700 hover:underline"
                  >
                    {i.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <Badge tone={SEVERITY_TONE[i.severity]}>{i.severity.toLowerCase()}</Badge>
                </TableCell>
                <TableCell className="text-xs">
                  {i.affectedOrganizationIds.map((id) => names.get(id) ?? id).join(', ') || '—'}
                  {i.merchantsNotifiedAt ? (
                    <span className="block text-ink-muted">notified {utcTime(i.merchantsNotifiedAt)}</span>
                  ) : null}
                </TableCell>
                <TableCell className="text-xs">
                  {i.affectedDataSubjects.toLocaleString('en-GB')}
                  {i.highRiskToDataSubjects ? (
                    <Badge tone="danger" className="ml-1">
                      high risk
                    </Badge>
                  ) : null}
                </TableCell>
                <TableCell>
                  <div className="flex flex-col items-start gap-1">
                    {i.deadlines.map((d) => (
                      <DeadlineBadge key={d.name} deadline={d} now={now} />
                    ))}
                  </div>
                </TableCell>
                <TableCell>
                  <Badge tone={i.open ? (i.containedAt ? 'info' : 'danger') : 'success'}>
                    {i.open ? (i.containedAt ? 'contained' : 'open') : 'closed'}
                  </Badge>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <Card>
        <CardHeader
          title="Record an incident"
          description="Deadlines run from the detection time: containment and Amazon 24 h, the regulator 72 h where required, affected people 72 h when the risk to them is high. The listed organizations are notified when the incident is recorded."
        />
        <RecordIncidentForm organizations={organizations.map((o) => ({ id: o.id, name: o.name }))} />
      </Card>
    </OperatorShell>
  );
}
