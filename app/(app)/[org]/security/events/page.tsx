import type { Metadata } from 'next';
import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { NamedRef } from '@/components/ui/named-ref.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listIncidentsForOrganization } from '@/lib/privacy/incidents.ts';
import { listOrganizationSecurityAlerts } from '@/lib/privacy/list-security-alerts.ts';
import { listOrganizationSecurityEvents } from '@/lib/privacy/list-security-events.ts';
import { resolveNames } from '@/lib/names/resolve-names.ts';
import { WEBHOOK_STATUS_TONE } from '../alert-channels-card.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Security events' };

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});
const ALERTING = /failed|lockout|anomalous|reuse|denied|^alert\.|^incident\./;
const SEVERITY_TONE = { low: 'neutral', medium: 'warning', high: 'danger' } as const;

export default async function SecurityEventsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'security.read');
  const now = new Date();
  const [events, alerts, incidents] = await Promise.all([
    listOrganizationSecurityEvents(tenant.ctx),
    listOrganizationSecurityAlerts(tenant.ctx),
    listIncidentsForOrganization(tenant.ctx, now),
  ]);
  const names = await resolveNames(
    tenant.ctx,
    [...events, ...alerts].map((e) => e.userId),
  );
  return (
    <>
      <PageHeader
        title="Security events"
        description="Alerts sent to owners and admins, then every sign-in failure, lockout, MFA failure, refused request for buyer details and anomalous read by members of this organization."
      />
      <p className="mb-4 text-sm">
        <Link
          href={`/${tenant.organization.slug}/security/incidents`}
          className="text-accent-700 hover:underline"
        >
          Incidents that concern this organization ({incidents.length}) →
        </Link>
      </p>
      <Table caption="Alerts sent to owners and admins" showCaption data-testid="security-alerts">
        <TableHead>
          <tr>
            <TableHeaderCell>When (UTC)</TableHeaderCell>
            <TableHeaderCell>Alert</TableHeaderCell>
            <TableHeaderCell>Severity</TableHeaderCell>
            <TableHeaderCell>Email</TableHeaderCell>
            <TableHeaderCell>Webhook</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {alerts.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5}>No alerts sent.</TableCell>
            </TableRow>
          ) : (
            alerts.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{dateTime.format(a.at)}</TableCell>
                <TableCell>
                  <code className="text-xs">{a.action}</code>
                  {a.userId ? (
                    <span className="block text-xs">
                      member <NamedRef id={a.userId} names={names} />
                    </span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <Badge tone={SEVERITY_TONE[a.severity]}>{a.severity}</Badge>
                </TableCell>
                <TableCell className="text-xs">owners and admins</TableCell>
                <TableCell className="text-xs">
                  {a.webhook ? (
                    <Badge tone={WEBHOOK_STATUS_TONE[a.webhook.status]}>
                      {a.webhook.status.toLowerCase()}
                    </Badge>
                  ) : (
                    'no webhook'
                  )}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {events.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="No security events" description="Nothing recorded yet." />
      ) : (
        <Table caption="Security events">
          <TableHead>
            <tr>
              <TableHeaderCell>When (UTC)</TableHeaderCell>
              <TableHeaderCell>Event</TableHeaderCell>
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell className="max-md:hidden">IP</TableHeaderCell>
              <TableHeaderCell className="max-md:hidden">Details</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {events.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{dateTime.format(e.at)}</TableCell>
                <TableCell>
                  <Badge tone={ALERTING.test(e.action) ? 'danger' : 'neutral'}>{e.action}</Badge>
                </TableCell>
                <TableCell className="text-xs" data-testid="security-event-user">
                  <NamedRef id={e.userId} names={names} />
                </TableCell>
                <TableCell className="text-xs max-md:hidden">{e.ip ?? ''}</TableCell>
                <TableCell className="max-w-xs truncate text-xs text-ink-muted max-md:hidden">
                  {JSON.stringify(e.metadata)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
