// The order page's buyer-data retention card: when the buyer data is due, what keeps it longer
// (open returns, holds with their reasons) and, for those allowed, placing / releasing a hold.
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import type { ResolvedTenant } from '@/lib/auth/resolve-tenant-context.ts';
import { HOLD_LABELS } from '@/lib/privacy/compliance-evidence.ts';
import type { OrderRetentionView } from '@/lib/privacy/order-holds.ts';
import { when } from '../order-format.ts';
import { PlaceHoldForm, ReleaseHoldButton } from './hold-forms.tsx';

export function OrderHoldsCard({
  tenant,
  orderId,
  view,
}: {
  tenant: ResolvedTenant;
  orderId: string;
  /** From getOrderRetention (lib/privacy/order-holds.ts). */
  view: OrderRetentionView;
}) {
  const canHold = tenant.ctx.permissions.has('orders.update');
  const canLegal = tenant.ctx.permissions.has('privacy.manage');
  const slug = tenant.organization.slug;
  return (
    <Card className="mt-6" data-testid="order-holds">
      <CardHeader
        title="Holds and buyer data"
        description="A hold keeps this order’s buyer data up to 90 days after shipment (a legal hold: until released); disputes and legal holds also stop picking."
      />
      <div className="space-y-3 p-4 text-sm">
        <p data-testid="pii-due">
          {view.piiStatus !== 'STORED'
            ? 'No buyer data held for this order.'
            : view.piiDueAt
              ? `Buyer data due for anonymisation ${when.format(view.piiDueAt)} UTC.`
              : 'Buyer data kept by a legal hold until it is released.'}
          {view.openReturns > 0 ? ` ${view.openReturns} open return(s) hold it until closed.` : ''}
        </p>
        {view.holds.length > 0 ? (
          <ul className="divide-y divide-line">
            {view.holds.map((h) => (
              <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Badge tone={h.releasedAt ? 'neutral' : 'warning'}>{HOLD_LABELS[h.kind]}</Badge> {h.reason}{' '}
                  <span className="text-xs text-ink-muted">
                    since {when.format(h.placedAt)} UTC
                    {h.releasedAt ? ` · released ${when.format(h.releasedAt)} UTC` : ''}
                  </span>
                </span>
                {!h.releasedAt && canHold && (h.kind !== 'LEGAL' || canLegal) ? (
                  <ReleaseHoldButton orgSlug={slug} holdId={h.id} />
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {canHold ? <PlaceHoldForm orgSlug={slug} orderId={orderId} allowLegal={canLegal} /> : null}
      </div>
    </Card>
  );
}
