// The Security screen's alert channels: the webhook (URL, signing, recent deliveries) and canary
// records. Ids, kinds and outcomes only: no PII, no secret, and no receiver status code or error —
// a delivery is delivered, pending or failed (docs/decisions/0018-outbound-url-guard.md).
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table.tsx';
import { holds } from '@/lib/auth/require-tenant.ts';
import type { ResolvedTenant } from '@/lib/auth/resolve-tenant-context.ts';
import { countPiiCanaries } from '@/lib/privacy/pii-canaries.ts';
import { getSecurityWebhook } from '@/lib/privacy/webhooks/security-webhook.ts';
import { PlantCanaryButton, WebhookSettingsForm } from './webhook-settings-form.tsx';

export const WEBHOOK_STATUS_TONE = { DELIVERED: 'success', PENDING: 'warning', FAILED: 'danger' } as const;
const at = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '—');

export async function AlertChannelsCard({ tenant }: { tenant: ResolvedTenant }) {
  const [{ webhook, deliveries }, canaries] = await Promise.all([
    getSecurityWebhook(tenant.ctx),
    countPiiCanaries(tenant.ctx),
  ]);
  const slug = tenant.organization.slug;
  return (
    <Card className="mt-6">
      <CardHeader
        title="Security alerts"
        description="Alerts (lockouts, bursts of failed sign-ins per account or address, MFA failures, refused requests for buyer details, reused API refresh tokens, anomalous or canary buyer-data reads, restriction overrides, incidents that concern you) are emailed to owners and admins and, if set, POSTed to your webhook signed with HMAC-SHA256 (header Packline-Signature: t=<unix time>,v1=<hex HMAC of “t.body”>). Failed deliveries are retried 5 times."
      />
      <div className="space-y-6 p-4">
        {holds(tenant, 'organization.update') ? (
          <WebhookSettingsForm orgSlug={slug} url={webhook?.url ?? null} />
        ) : (
          <p className="text-sm">
            {webhook ? `Webhook: ${new URL(webhook.url).host}` : 'No webhook configured.'}
          </p>
        )}
        {webhook ? (
          <Table caption="Recent webhook deliveries">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Created</TableHeaderCell>
                <TableHeaderCell>Alert</TableHeaderCell>
                <TableHeaderCell>Severity</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Last attempt</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {deliveries.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5}>No alerts sent yet.</TableCell>
                </TableRow>
              ) : (
                deliveries.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>{at(d.createdAt)}</TableCell>
                    <TableCell>{d.action}</TableCell>
                    <TableCell>{d.severity}</TableCell>
                    <TableCell>
                      <Badge tone={WEBHOOK_STATUS_TONE[d.status]}>{d.status.toLowerCase()}</Badge>
                    </TableCell>
                    <TableCell>{at(d.lastAttemptAt)}</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        ) : null}
        <div className="flex flex-wrap items-center gap-4 border-t border-line pt-4">
          <p className="text-sm">
            Canary buyer records: <strong>{canaries}</strong>. They belong to no real buyer; any read raises a
            high-severity alert.
          </p>
          {holds(tenant, 'privacy.manage') ? <PlantCanaryButton orgSlug={slug} /> : null}
        </div>
      </div>
    </Card>
  );
}
