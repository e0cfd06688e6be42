import type { Metadata } from 'next';
import { Plug } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { JobProgress } from '@/components/ui/job-progress.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { listAmazonIntegrations } from '@/lib/channels/amazon/list-amazon-integrations.ts';
import { SYNC_FAILURE_HELP } from '@/lib/channels/amazon/sync-failure.ts';
import { ConnectAmazon, IntegrationControls } from './integration-forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Integrations' };

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const fmt = (d: Date | null | undefined) => (d ? `${when.format(d)} UTC` : '—');

const STATUS_TONE = { CONNECTED: 'success', ERROR: 'danger', DISCONNECTED: 'neutral' } as const;

export default async function IntegrationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'integrations.read');
  const canManage = tenant.ctx.permissions.has('integrations.manage');
  const { integrations, lwaSecret } = await listAmazonIntegrations(tenant.ctx);
  const orgSlug = tenant.organization.slug;

  return (
    <>
      <PageHeader
        title="Integrations"
        description="Amazon selling partners connected to this organization."
      />
      {lwaSecret?.rotationDue ? (
        <div role="status" className="mb-6 rounded-card border border-amber-300 bg-amber-50 p-3 text-sm">
          The Amazon app&apos;s LWA client secret was rotated {lwaSecret.ageDays} days ago and expires on{' '}
          {fmt(lwaSecret.expiresAt)} ({lwaSecret.daysLeft} days left). Amazon requires a rotation every 180
          days.
        </div>
      ) : null}
      {canManage ? (
        <Card className="mb-6">
          <CardHeader title="Connect Amazon" description="Orders arrive within minutes of being placed." />
          <div className="p-4">
            <ConnectAmazon orgSlug={orgSlug} />
          </div>
        </Card>
      ) : null}
      {integrations.length === 0 ? (
        <EmptyState icon={Plug} title="No integrations yet" description="Connect an Amazon seller account." />
      ) : (
        integrations.map((i) => {
          const running = i.syncRuns.find((r) => r.status === 'RUNNING');
          return (
            <Card key={i.id} className="mb-6">
              <CardHeader
                title={`Amazon ${i.sellingPartnerId} (${i.region.toUpperCase()})`}
                description={`Marketplaces: ${i.marketplaceIds.join(', ')} · Orders API ${i.ordersApiVersion === 'V0' ? 'v0' : '2026-01-01'}`}
              />
              <div className="space-y-4 p-4 text-sm">
                <dl className="grid grid-cols-2 gap-2 md:grid-cols-4">
                  <div>
                    <dt className="text-ink-muted">Status</dt>
                    <dd>
                      <Badge tone={STATUS_TONE[i.status]} dot data-testid="integration-status">
                        {i.status.toLowerCase()}
                      </Badge>
                    </dd>
                  </div>
                  <div>
                    <dt className="text-ink-muted">Last sync</dt>
                    <dd>{fmt(i.lastSyncAt)}</dd>
                  </div>
                  <div>
                    <dt className="text-ink-muted">Next sync</dt>
                    <dd>{i.status === 'DISCONNECTED' ? '—' : fmt(i.nextSyncAt)}</dd>
                  </div>
                  <div>
                    <dt className="text-ink-muted">Every</dt>
                    <dd>{i.syncIntervalMinutes} min</dd>
                  </div>
                </dl>
                {i.lastError ? (
                  <p role="alert" className="text-red-700">
                    Last error ({fmt(i.lastErrorAt)}): {i.lastError}
                  </p>
                ) : null}
                {running ? (
                  // Amazon does not say how many orders a window holds: a count, no bar, no ETA.
                  <JobProgress
                    title="Syncing orders"
                    state="active"
                    phase={`page ${running.pages} · ${running.itemsFetched} line(s) · ${running.piiStored} recipient(s)`}
                    done={running.ordersUpserted}
                    total={null}
                    unit="orders"
                    startedAt={running.startedAt}
                    now={new Date()}
                    testId="sync-progress"
                  />
                ) : null}
                {canManage && i.status !== 'DISCONNECTED' ? (
                  <IntegrationControls
                    orgSlug={orgSlug}
                    integrationId={i.id}
                    ordersApiVersion={i.ordersApiVersion}
                    syncIntervalMinutes={i.syncIntervalMinutes}
                  />
                ) : null}
                <Table caption="Sync history">
                  <TableHead>
                    <tr>
                      <TableHeaderCell>Started</TableHeaderCell>
                      <TableHeaderCell>Status</TableHeaderCell>
                      <TableHeaderCell align="right">Pages</TableHeaderCell>
                      <TableHeaderCell align="right">Orders</TableHeaderCell>
                      <TableHeaderCell align="right">Recipients</TableHeaderCell>
                      <TableHeaderCell>Error</TableHeaderCell>
                    </tr>
                  </TableHead>
                  <TableBody>
                    {i.syncRuns.map((r) => (
                      <TableRow key={r.id}>
                        <TableCell>
                          {fmt(r.startedAt)}
                          {r.manual ? ' (manual)' : ''}
                        </TableCell>
                        <TableCell>{r.status.toLowerCase()}</TableCell>
                        <TableCell align="right">{r.pages}</TableCell>
                        <TableCell align="right">{r.ordersUpserted}</TableCell>
                        <TableCell align="right">{r.piiStored}</TableCell>
                        <TableCell className="text-xs">
                          {r.errorCode ? (
                            <div data-testid="sync-run-failure" data-code={r.errorCode}>
                              <p className="font-medium text-red-700">
                                {SYNC_FAILURE_HELP[r.errorCode].title}
                              </p>
                              <p>{SYNC_FAILURE_HELP[r.errorCode].action}</p>
                              <p className="text-ink-muted">
                                {r.error} · reference <code>{r.jobId ?? r.id}</code>
                              </p>
                            </div>
                          ) : (
                            <span className="text-ink-muted">{r.error ?? ''}</span>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </Card>
          );
        })
      )}
    </>
  );
}
