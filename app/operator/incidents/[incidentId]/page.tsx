import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { isAppError } from '@/lib/errors/app-error.ts';
import { listOrganizationsForOperator } from '@/lib/operators/list-organizations-for-operator.ts';
import { getIncident, INCIDENT_MILESTONES } from '@/lib/privacy/incidents.ts';
import { OperatorShell, requireOperator } from '../../operator-shell.tsx';
import { DeadlineBadge, utcTime } from '../incident-deadlines.tsx';
import { CloseIncidentForm, MilestoneForm, NoteForm } from '../incident-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incident · Operator console' };

const MILESTONE_FIELDS = {
  contained: ['Contained', 'containedAt'],
  amazon_notified: ['Amazon notified', 'amazonNotifiedAt'],
  regulator_notified: ['Regulator notified', 'regulatorNotifiedAt'],
  affected_notified: ['Affected people (data subjects) notified', 'affectedNotifiedAt'],
} as const;

// One incident: deadlines (overdue highlighted), milestones and notifications, the append-only
// timeline, and closing with the post-incident review (only once contained).
export default async function IncidentPage({ params }: { params: Promise<{ incidentId: string }> }) {
  const operator = await requireOperator();
  const { incidentId } = await params;
  const now = new Date();
  const incident = await getIncident(incidentId, now).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const names = new Map((await listOrganizationsForOperator()).map((o) => [o.id, o.name]));
  const pending = INCIDENT_MILESTONES.filter((m) => !incident[MILESTONE_FIELDS[m][1]]);
  return (
    <OperatorShell operator={operator} current="/operator/incidents" title={incident.title}>
      <p className="text-sm">
        <Link href="/operator/incidents" className="text-accent-700 hover:underline">
          ← Incident register
        </Link>
      </p>
      <Card>
        <CardHeader
          title="Summary"
          action={
            <Badge tone={incident.open ? 'danger' : 'success'} data-testid="incident-status">
              {incident.open ? 'open' : 'closed'}
            </Badge>
          }
        />
        <dl className="grid gap-2 p-4 text-sm md:grid-cols-2">
          <div>
            <dt className="text-ink-muted">Detected</dt>
            <dd>{utcTime(incident.detectedAt)}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Severity</dt>
            <dd>{incident.severity.toLowerCase()}</dd>
          </div>
          <div className="md:col-span-2">
            <dt className="text-ink-muted">Scope</dt>
            <dd className="whitespace-pre-wrap">{incident.scope}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Affected organizations</dt>
            <dd>{incident.affectedOrganizationIds.map((id) => names.get(id) ?? id).join(', ') || '—'}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Data categories</dt>
            <dd>{incident.dataCategories.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">Affected data subjects</dt>
            <dd data-testid="incident-data-subjects">
              {incident.affectedDataSubjects.toLocaleString('en-GB')}
              {incident.highRiskToDataSubjects ? ' · high risk: they must be told' : ''}
            </dd>
          </div>
          <div>
            <dt className="text-ink-muted">Merchants notified</dt>
            <dd data-testid="incident-merchants-notified">
              {incident.merchantsNotifiedAt
                ? `${utcTime(incident.merchantsNotifiedAt)} (owners and admins, email and security webhook)`
                : 'no organization listed'}
            </dd>
          </div>
        </dl>
      </Card>
      <Card>
        <CardHeader title="Deadlines and notifications" />
        <div className="flex flex-wrap gap-2 p-4" data-testid="incident-deadlines">
          {incident.deadlines.map((d) => (
            <DeadlineBadge key={d.name} deadline={d} now={now} />
          ))}
        </div>
        <ul className="space-y-1 px-4 pb-2 text-sm">
          {INCIDENT_MILESTONES.map((m) => {
            const at = incident[MILESTONE_FIELDS[m][1]];
            return (
              <li key={m}>
                {MILESTONE_FIELDS[m][0]}: {at ? utcTime(at) : <span className="text-ink-muted">not yet</span>}
              </li>
            );
          })}
        </ul>
        {incident.open ? <MilestoneForm incidentId={incident.id} open={[...pending]} /> : null}
      </Card>
      <Card>
        <CardHeader title="Timeline" description="Append-only: entries are never edited." />
        <ol className="space-y-1 p-4 text-sm" data-testid="incident-timeline">
          {incident.timeline.map((e, i) => (
            <li key={i}>
              <span className="text-ink-muted">{utcTime(e.at)}</span> · {e.entry}
            </li>
          ))}
        </ol>
        {incident.open ? <NoteForm incidentId={incident.id} /> : null}
      </Card>
      <Card>
        <CardHeader title="Post-incident review" />
        {incident.open ? (
          incident.containedAt ? (
            <CloseIncidentForm incidentId={incident.id} />
          ) : (
            <p className="p-4 text-sm text-ink-muted">
              Record containment first: the review closes the incident.
            </p>
          )
        ) : (
          <div className="p-4 text-sm">
            <p className="text-ink-muted">
              Closed {incident.reviewCompletedAt ? utcTime(incident.reviewCompletedAt) : ''}
            </p>
            <p className="mt-2 whitespace-pre-wrap" data-testid="incident-review">
              {incident.review}
            </p>
          </div>
        )}
      </Card>
    </OperatorShell>
  );
}
