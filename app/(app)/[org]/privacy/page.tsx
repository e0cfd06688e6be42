import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import type { RetentionRule } from '@/lib/db/generated/prisma/enums.ts';
import { getRetentionOverview } from '@/lib/privacy/retention-overview.ts';
import { PII_RETENTION_MAX_DAYS } from '@/lib/privacy/retention-policy.ts';
import { RetentionPolicyForm, RunRetentionButton } from './retention-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Privacy' };

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const RULE_LABELS: Record<RetentionRule, (days: number) => string> = {
  ANONYMISE_BUYER_PII: (days) => `Buyer details anonymised ${days} days after order completion`,
  HARD_DELETE_ORDERS: () => 'Deleted orders removed for good after 90 days',
  EXPIRE_AUDIT_EVENTS: () => 'Audit events expired after 12 months',
};

export default async function PrivacyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'privacy.manage');
  const overview = await getRetentionOverview(tenant.ctx, new Date());
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Retention rules enforced by Packline, what is due now and when each last ran."
        actions={<RunRetentionButton orgSlug={tenant.organization.slug} />}
      />
      <p className="mb-4 text-sm">
        <Link
          href={`/${tenant.organization.slug}/privacy/requests`}
          className="text-accent-700 hover:underline"
        >
          Data-subject requests →
        </Link>
      </p>
      <Card className="mb-6">
        <CardHeader
          title="Buyer data retention"
          description={`30 days by default; fewer is allowed, never more than ${PII_RETENTION_MAX_DAYS}.`}
        />
        <div className="p-4">
          <RetentionPolicyForm
            orgSlug={tenant.organization.slug}
            days={overview.policy.piiRetentionDays}
            max={PII_RETENTION_MAX_DAYS}
          />
        </div>
      </Card>
      <Table caption="Retention rules" showCaption>
        <TableHead>
          <tr>
            <TableHeaderCell>Rule</TableHeaderCell>
            <TableHeaderCell align="right">Due now</TableHeaderCell>
            <TableHeaderCell>Last run</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {overview.rules.map((r) => (
            <TableRow key={r.rule} data-testid={`rule-${r.rule}`}>
              <TableCell className="font-medium">
                {RULE_LABELS[r.rule](overview.policy.piiRetentionDays)}
              </TableCell>
              <TableCell align="right" numeric>
                {r.dueNow}
                {r.held > 0 ? (
                  <span className="ml-2 text-xs text-ink-muted">({r.held} held by a restriction)</span>
                ) : null}
              </TableCell>
              <TableCell>
                {r.lastRun ? (
                  <span className="flex items-center gap-2">
                    <Badge
                      tone={
                        r.lastRun.status === 'SUCCEEDED'
                          ? 'success'
                          : r.lastRun.status === 'FAILED'
                            ? 'danger'
                            : 'info'
                      }
                    >
                      {r.lastRun.status.toLowerCase()}
                    </Badge>
                    {dateTime.format(r.lastRun.startedAt)} UTC · {r.lastRun.processed} processed
                  </span>
                ) : (
                  <span className="text-ink-muted">Never</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p className="mt-4 text-sm text-ink-muted">
        Oldest buyer details still held:{' '}
        {overview.oldestStoredCompletion
          ? `order completed ${dateTime.format(overview.oldestStoredCompletion)} UTC`
          : 'none'}
        .
      </p>
    </>
  );
}
