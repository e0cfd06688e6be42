import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { SECURITY_ACTIONS } from '@/lib/auth/security-events.ts';
import { listOrganizationsForOperator } from '@/lib/operators/list-organizations-for-operator.ts';
import {
  listPlatformSecurityEvents,
  PLATFORM_SECURITY_EVENTS_PAGE,
  SECURITY_SEVERITIES,
  ZPlatformSecurityEventFilter,
} from '@/lib/privacy/platform-security-events.ts';
import { OperatorShell, requireOperator } from '../operator-shell.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Security events · Operator console' };

const SEVERITY_TONE = { high: 'danger', medium: 'warning', info: 'neutral' } as const;
/** Kinds other modules raise, offered next to the account events (free text also works, as a prefix). */
const OTHER_KINDS = ['security.permission_denied', 'security.anomalous_pii_reads', 'auth.', 'security.'];

// Platform-wide security events (privacy engine §8), newest first. Ids, IPs and audit-schema
// metadata only: no buyer PII is ever written to security_events.
export default async function OperatorSecurityEventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await requireOperator();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  const parsed = ZPlatformSecurityEventFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const [events, organizations] = await Promise.all([
    listPlatformSecurityEvents(filter),
    listOrganizationsForOperator(),
  ]);
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const orgOf = (metadata: unknown) => {
    const id = (metadata as { organizationId?: unknown } | null)?.organizationId;
    return typeof id === 'string' ? (names.get(id) ?? id) : null;
  };
  return (
    <OperatorShell operator={operator} current="/operator/security-events" title="Security events">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter security events">
        <div className="space-y-1.5">
          <Label htmlFor="f-kind">Kind</Label>
          <Input id="f-kind" name="kind" list="kinds" defaultValue={raw.kind ?? ''} className="w-64" />
          <datalist id="kinds">
            {[...SECURITY_ACTIONS, ...OTHER_KINDS].map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="f-severity">Severity</Label>
          <Select
            id="f-severity"
            name="severity"
            defaultValue={raw.severity ?? ''}
            placeholder="Any"
            options={SECURITY_SEVERITIES.map((s) => ({ value: s, label: s }))}
            className="w-32"
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="f-org">Organization</Label>
          <Select
            id="f-org"
            name="org"
            defaultValue={raw.org ?? ''}
            placeholder="All"
            options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            className="w-56"
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="f-from">From</Label>
          <Input id="f-from" name="from" type="date" defaultValue={raw.from ?? ''} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="f-to">To</Label>
          <Input id="f-to" name="to" type="date" defaultValue={raw.to ?? ''} />
        </div>
        <Button type="submit">Filter</Button>
      </form>
      {parsed.success ? null : (
        <p role="alert" className="text-sm text-red-700">
          Filters ignored:{' '}
          {parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}
        </p>
      )}
      <Table caption={`Security events (newest ${PLATFORM_SECURITY_EVENTS_PAGE})`}>
        <TableHead>
          <tr>
            <TableHeaderCell>When (UTC)</TableHeaderCell>
            <TableHeaderCell>Event</TableHeaderCell>
            <TableHeaderCell>Severity</TableHeaderCell>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Organization</TableHeaderCell>
            <TableHeaderCell>IP</TableHeaderCell>
            <TableHeaderCell>Details</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {events.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7}>No security events match.</TableCell>
            </TableRow>
          ) : (
            events.map((e) => (
              <TableRow key={e.id} data-testid="security-event">
                <TableCell className="whitespace-nowrap">
                  {e.at.toISOString().slice(0, 19).replace('T', ' ')}
                </TableCell>
                <TableCell>
                  <code className="text-xs">{e.action}</code>
                </TableCell>
                <TableCell>
                  <Badge tone={SEVERITY_TONE[e.severity]}>{e.severity}</Badge>
                </TableCell>
                <TableCell className="text-xs">{e.userId ? <code>{e.userId}</code> : '—'}</TableCell>
                <TableCell className="text-xs">{orgOf(e.metadata) ?? '—'}</TableCell>
                <TableCell className="text-xs">{e.ip ?? ''}</TableCell>
                <TableCell className="max-w-xs truncate text-xs text-ink-muted">
                  {JSON.stringify(e.metadata)}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </OperatorShell>
  );
}
