import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { RETENTION_RULES } from '@/lib/privacy/run-retention.ts';
import { getPlatformEvidence } from '@/lib/privacy/platform-evidence.ts';
import { OperatorShell, requireOperator } from '../operator-shell.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Platform evidence · Operator console' };

const RULE_SHORT = {
  ANONYMISE_BUYER_PII: 'Anonymise',
  HARD_DELETE_ORDERS: 'Hard delete',
  EXPIRE_AUDIT_EVENTS: 'Audit expiry',
} as const;

// Platform evidence summary (privacy engine §8): per organization, whether retention, encryption,
// the audit chain and incidents are in order. Counts and dates only, no buyer PII.
export default async function PlatformEvidencePage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const operator = await requireOperator();
  const { page } = await searchParams;
  const requested = Number(typeof page === 'string' ? page : '1');
  const evidence = await getPlatformEvidence(new Date(), Number.isFinite(requested) ? requested : 1);
  return (
    <OperatorShell operator={operator} current="/operator/evidence" title="Platform evidence">
      <p className="text-sm text-ink-muted">
        Computed from live state at {evidence.generatedAt.slice(0, 16).replace('T', ' ')} UTC ·{' '}
        {evidence.organizations} organizations · page {evidence.page} of {evidence.pages}
      </p>
      <Table caption="Evidence per organization">
        <TableHead>
          <tr>
            <TableHeaderCell>Organization</TableHeaderCell>
            <TableHeaderCell align="right">Earliest PII due (days) / policy</TableHeaderCell>
            <TableHeaderCell align="right">Past due</TableHeaderCell>
            <TableHeaderCell align="right">Vault check</TableHeaderCell>
            <TableHeaderCell>Last retention runs</TableHeaderCell>
            <TableHeaderCell>Audit chain</TableHeaderCell>
            <TableHeaderCell align="right">Open incidents</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {evidence.rows.map((r) => (
            <TableRow key={r.organizationId} data-testid={`evidence-${r.slug}`}>
              <TableCell>
                <span className="font-medium">{r.name}</span>
                {r.status === 'SUSPENDED' ? (
                  <Badge tone="neutral" className="ml-2">
                    suspended
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell align="right" numeric>
                <Badge tone={r.earliestDueInDays !== null && r.earliestDueInDays < 0 ? 'danger' : 'success'}>
                  {r.earliestDueInDays ?? '—'} / {r.piiRetentionDays}
                </Badge>
              </TableCell>
              <TableCell align="right" numeric>
                <Badge tone={r.recordsPastDue === 0 ? 'success' : 'danger'}>{r.recordsPastDue}</Badge>
                {r.heldByRestriction > 0 ? (
                  <span className="ml-1 text-xs text-ink-muted">(+{r.heldByRestriction} restricted)</span>
                ) : null}
                {r.activeHolds > 0 ? (
                  <span className="ml-1 text-xs text-ink-muted">({r.activeHolds} on hold)</span>
                ) : null}
              </TableCell>
              <TableCell align="right" numeric>
                <Badge tone={r.vaultCheckOk ? 'success' : 'danger'}>
                  {r.vaultCheckOk ? `passed (${r.recordsHoldingPii})` : 'FAILED'}
                </Badge>
              </TableCell>
              <TableCell className="text-xs">
                {RETENTION_RULES.map((rule) => {
                  const run = r.lastRuns[rule];
                  return (
                    <div key={rule}>
                      {RULE_SHORT[rule]}:{' '}
                      {run
                        ? `${run.status.toLowerCase()} ${run.startedAt.slice(0, 16).replace('T', ' ')}`
                        : 'never'}
                    </div>
                  );
                })}
              </TableCell>
              <TableCell>
                <Badge tone={r.chainOk ? 'success' : 'danger'}>
                  {r.chainOk ? `verified (${r.auditEvents})` : 'BROKEN'}
                </Badge>
              </TableCell>
              <TableCell align="right" numeric>
                <Badge
                  tone={
                    r.overdueIncidentDeadlines > 0 ? 'danger' : r.openIncidents > 0 ? 'warning' : 'success'
                  }
                >
                  {r.openIncidents}
                  {r.overdueIncidentDeadlines > 0 ? ` (${r.overdueIncidentDeadlines} overdue)` : ''}
                </Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {evidence.page > 1 ? (
          <Link
            href={`/operator/evidence?page=${evidence.page - 1}`}
            className="text-accent-700 hover:underline"
          >
            ← Previous
          </Link>
        ) : null}
        {evidence.page < evidence.pages ? (
          <Link
            href={`/operator/evidence?page=${evidence.page + 1}`}
            className="text-accent-700 hover:underline"
          >
            Next →
          </Link>
        ) : null}
      </nav>
    </OperatorShell>
  );
}
