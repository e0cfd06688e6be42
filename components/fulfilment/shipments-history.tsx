// The order detail's packing and shipping history: each parcel with its status, contents, when it was
// packed, labelled and shipped, carrier and tracking, and the Amazon confirmation. No buyer PII.
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import type { ShipmentListRow } from '@/lib/shipping/list-shipments.ts';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const at = (label: string, d: Date | null) => (d ? `${label} ${when.format(d)} UTC` : null);

/** `parcels`: listShipments(ctx, { orderId }) — newest first. */
export function ShipmentsHistory({ parcels }: { parcels: readonly ShipmentListRow[] }) {
  if (parcels.length === 0) return null;
  return (
    <Card className="mt-6">
      <CardHeader title="Packing and shipping" />
      <ol className="space-y-2 p-4 text-sm" aria-label="Parcels">
        {[...parcels].reverse().map((p) => (
          <li key={p.id}>
            Parcel {p.parcelNumber} <Badge>{p.status}</Badge> — {p.units} unit(s) (
            {p.contents.map((c) => `${c.sku ?? '(no SKU)'} × ${c.quantity}`).join(', ')})
            {p.carrier ? `, ${p.carrier} ${p.serviceCode ?? ''}, tracking ${p.trackingNumber ?? '—'}` : ''}
            <span className="block text-xs text-ink-muted">
              {[
                at('packed', p.packedAt),
                at('labelled', p.labelledAt),
                at('shipped', p.shippedAt),
                at('voided', p.voidedAt),
                p.confirmationStatus ? `Amazon confirmation ${p.confirmationStatus}` : null,
                p.confirmationError,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
