import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { holds, requireTenant } from '@/lib/auth/require-tenant.ts';
import { listMembersDueForReview } from '@/lib/privacy/access-review.ts';
import type { RetentionRule } from '@/lib/db/generated/prisma/enums.ts';
import { evidenceFigures, getComplianceEvidence, HOLD_LABELS } from '@/lib/privacy/compliance-evidence.ts';
import { listActiveHolds } from '@/lib/privacy/order-holds.ts';
import { getRetentionOverview } from '@/lib/privacy/retention-overview.ts';
import { ORDER_HOLD_MAX_DAYS, PII_RETENTION_MAX_DAYS } from '@/lib/privacy/retention-policy.ts';
import {
  ExportEvidenceButton,
  RetentionPolicyForm,
  ReviewAccessButton,
  RunRetentionButton,
} from './retention-forms.tsx';
import { RetentionProgress } from './retention-progress.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Privacy' };

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const RULE_LABELS: Record<RetentionRule, (days: number) => string> = {
  ANONYMISE_BUYER_PII: (days) =>
    `Buyer details anonymised ${days} days after completion (not completed: after the ship-by, else purchase date; disconnected: after the disconnect)`,
  HARD_DELETE_ORDERS: () => 'Deleted orders removed for good after 90 days',
  EXPIRE_AUDIT_EVENTS: () => 'Audit events expired after 12 months',
};

export default async function PrivacyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'privacy.manage');
  const now = new Date();
  const canReview = holds(tenant, 'members.update');
  const [overview, evidence, dueForReview, orderHolds] = await Promise.all([
    getRetentionOverview(tenant.ctx, now),
    getComplianceEvidence(tenant.ctx, now),
    canReview ? listMembersDueForReview(tenant.ctx, now) : Promise.resolve([]),
    listActiveHolds(tenant.ctx),
  ]);
  const figures = evidenceFigures(evidence);
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
        {holds(tenant, 'organization.delete') ? (
          <Link
            href={`/${tenant.organization.slug}/privacy/termination`}
            className="ml-6 text-red-700 hover:underline"
          >
            Terminate the organization →
          </Link>
        ) : null}
      </p>
      <RetentionProgress
        overview={overview}
        labels={Object.fromEntries(
          overview.rules.map((r) => [r.rule, RULE_LABELS[r.rule](overview.policy.piiRetentionDays)]),
        )}
        now={now}
      />
      <Card className="mb-6">
        <CardHeader
          title="Buyer data retention"
          description={`30 days by default; fewer is allowed, never more than ${PII_RETENTION_MAX_DAYS}. One order is kept longer only by an order hold (up to ${ORDER_HOLD_MAX_DAYS} days after shipment; a legal hold until released).`}
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
      <Table caption="Order holds" showCaption frameClassName="mt-6" data-testid="order-holds">
        <TableHead>
          <tr>
            <TableHeaderCell>Order</TableHeaderCell>
            <TableHeaderCell>Held by</TableHeaderCell>
            <TableHeaderCell>Reason</TableHeaderCell>
            <TableHeaderCell>Since</TableHeaderCell>
            <TableHeaderCell>Buyer data due</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {orderHolds.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} className="text-ink-muted">
                No order is held: every order’s buyer data follows the policy.
              </TableCell>
            </TableRow>
          ) : (
            orderHolds.items.map((h) => (
              <TableRow key={`${h.orderId}-${h.kind}`}>
                <TableCell className="font-medium">
                  <Link
                    href={`/${tenant.organization.slug}/orders/${h.orderId}`}
                    className="text-accent-700 hover:underline"
                  >
                    {h.orderLabel}
                  </Link>
                </TableCell>
                <TableCell>{HOLD_LABELS[h.kind]}</TableCell>
                <TableCell className="max-w-md whitespace-normal">
                  {h.reason ?? 'return not closed yet'}
                </TableCell>
                <TableCell>{dateTime.format(h.placedAt)} UTC</TableCell>
                <TableCell>
                  {h.piiStatus !== 'STORED'
                    ? 'no buyer data held'
                    : h.piiDueAt
                      ? `${dateTime.format(h.piiDueAt)} UTC`
                      : 'when released'}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <Card className="mt-6">
        <CardHeader title="Compliance evidence" description="Computed from live state just now." />
        <div className="space-y-3 p-4">
          <dl className="grid grid-cols-1 gap-2 text-sm md:grid-cols-2">
            {figures.map((f) => (
              <div
                key={f.key}
                data-testid={`figure-${f.key}`}
                className="flex justify-between gap-3 border-b border-line py-1"
              >
                <dt>{f.label}</dt>
                <dd className="text-right">
                  <Badge tone={f.ok ? 'success' : 'danger'} className="h-auto whitespace-normal">
                    {f.value}
                  </Badge>
                </dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap items-center gap-4">
            <ExportEvidenceButton orgSlug={tenant.organization.slug} />
            <Link
              href={`/${tenant.organization.slug}/privacy/evidence`}
              className="text-sm text-accent-700 hover:underline"
            >
              Printable report →
            </Link>
          </div>
        </div>
      </Card>
      {canReview ? (
        <Card className="mt-6">
          <CardHeader
            title="Access review"
            description="Confirm at least every 90 days that each member still needs their access; remove those who do not (Members)."
          />
          <ul className="divide-y divide-line">
            {dueForReview.length === 0 ? (
              <li className="p-4 text-sm text-ink-muted">Every member was reviewed in the last 90 days.</li>
            ) : (
              dueForReview.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <span>
                    {m.user.name} <span className="text-ink-muted">({m.user.email})</span> ·{' '}
                    {m.role.toLowerCase()} ·{' '}
                    {m.accessReviewedAt
                      ? `last reviewed ${dateTime.format(m.accessReviewedAt)} UTC`
                      : 'never reviewed'}
                  </span>
                  <ReviewAccessButton orgSlug={tenant.organization.slug} membershipId={m.id} />
                </li>
              ))
            )}
          </ul>
        </Card>
      ) : null}
      <p className="mt-4 text-sm text-ink-muted">
        Earliest due date of buyer details still held:{' '}
        {overview.earliestDueAt ? `${dateTime.format(overview.earliestDueAt)} UTC` : 'none'}.
      </p>
    </>
  );
}
