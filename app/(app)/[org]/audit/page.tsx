import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { NamedRef } from '@/components/ui/named-ref.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { ScrollText } from 'lucide-react';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import {
  listAuditEvents,
  verifyOrganizationAuditChain,
  ZAuditFilter,
  type TAuditFilter,
} from '@/lib/privacy/audit-log.ts';
import { resolveNames } from '@/lib/names/resolve-names.ts';
import { ExportAuditCsvButton } from './export-button.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});
const FILTER_KEYS = ['actorId', 'action', 'targetType', 'targetId', 'from', 'to', 'beforeSeq'] as const;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'audit.read');
  const raw = await searchParams;
  const input: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = raw[key];
    if (typeof v === 'string' && v !== '') input[key] = v;
  }
  // Bad filters are shown as a message, never a 500.
  const parsed = ZAuditFilter.safeParse(input);
  const filter: TAuditFilter = parsed.success ? input : {};
  const [page, chain] = await Promise.all([
    listAuditEvents(tenant.ctx, filter),
    verifyOrganizationAuditChain(tenant.ctx),
  ]);
  const names = await resolveNames(
    tenant.ctx,
    page.rows.flatMap((r) => [r.actorId, r.targetId]),
  );
  const exportFilter: TAuditFilter = { ...filter, beforeSeq: undefined };
  const next = page.nextBeforeSeq
    ? new URLSearchParams({ ...input, beforeSeq: page.nextBeforeSeq }).toString()
    : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every read of buyer details, hash-chained and append-only; kept 12 months."
        actions={<ExportAuditCsvButton orgSlug={tenant.organization.slug} filter={exportFilter} />}
      />
      <p className="mb-4 text-sm" data-testid="audit-chain">
        {chain.ok ? (
          <Badge tone="success">Chain verified · {chain.events} events</Badge>
        ) : (
          <Badge tone="danger">
            Chain broken at #{chain.brokenAtSeq.toString()} ({chain.reason})
          </Badge>
        )}
      </p>
      <form
        method="get"
        className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-6"
        aria-label="Filter audit events"
      >
        {(
          [
            ['actorId', 'Actor id', 'text'],
            ['action', 'Action (or prefix.)', 'text'],
            ['targetType', 'Target type', 'text'],
            ['targetId', 'Target id', 'text'],
            ['from', 'From', 'date'],
            ['to', 'To', 'date'],
          ] as const
        ).map(([name, label, type]) => (
          <div key={name} className="space-y-1">
            <Label htmlFor={`f-${name}`}>{label}</Label>
            <Input id={`f-${name}`} name={name} type={type} defaultValue={input[name] ?? ''} />
          </div>
        ))}
        <div className="col-span-2 flex gap-2 md:col-span-6">
          <Button type="submit" variant="primary" size="sm">
            Filter
          </Button>
          <Link
            href={`/${tenant.organization.slug}/audit`}
            className="self-center text-sm text-accent-700 hover:underline"
          >
            Clear
          </Link>
        </div>
      </form>
      {!parsed.success ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          Filters ignored: {parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
        </p>
      ) : null}
      {page.rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No audit events" description="Nothing matches these filters." />
      ) : (
        <Table caption="Audit events">
          <TableHead>
            <tr>
              <TableHeaderCell>#</TableHeaderCell>
              <TableHeaderCell>When (UTC)</TableHeaderCell>
              <TableHeaderCell>Actor</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>Target</TableHeaderCell>
              <TableHeaderCell className="max-md:hidden">Details</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {page.rows.map((r) => (
              <TableRow key={r.seq}>
                <TableCell numeric>{r.seq}</TableCell>
                <TableCell>{dateTime.format(r.at)}</TableCell>
                <TableCell className="text-xs" data-testid="audit-actor">
                  <span className="text-ink-muted">{r.actorType.toLowerCase()}</span>{' '}
                  {r.actorId ? <NamedRef id={r.actorId} names={names} /> : null}
                </TableCell>
                <TableCell>
                  <code className="text-xs">{r.action}</code>
                  {r.purpose ? <span className="ml-1 text-xs text-ink-muted">({r.purpose})</span> : null}
                </TableCell>
                <TableCell className="text-xs" data-testid="audit-target">
                  <span className="text-ink-muted">{r.targetType ?? ''}</span>{' '}
                  {r.targetId ? <NamedRef id={r.targetId} names={names} /> : null}
                </TableCell>
                <TableCell className="max-w-xs truncate text-xs text-ink-muted max-md:hidden">
                  {JSON.stringify(r.metadata)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {next ? (
        <p className="mt-4">
          <Link
            href={`/${tenant.organization.slug}/audit?${next}`}
            className="text-sm text-accent-700 hover:underline"
          >
            Older events →
          </Link>
        </p>
      ) : null}
    </>
  );
}
