// The order detail's pick history: each pick list the order was on (number links to the list),
// with this order's lines — bin, SKU, lot, units picked and short, by whom and when. No buyer PII.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import type { OrderPickHistoryEntry } from '@/lib/fulfilment/order-pick-history.ts';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** `lists`: getOrderPickHistory(ctx, { orderId }); `linkBase` set when the viewer may open pick lists. */
export function PickHistory({
  lists,
  linkBase,
}: {
  lists: readonly OrderPickHistoryEntry[];
  linkBase: string | null;
}) {
  if (lists.length === 0) return null;
  return (
    <Card className="mt-6">
      <CardHeader title="Picking" />
      <ol className="space-y-3 p-4 text-sm" aria-label="Pick lists">
        {lists.map((p) => (
          <li key={p.pickListId}>
            {linkBase ? (
              <Link className="font-medium underline" href={`${linkBase}/${p.pickListId}`}>
                {p.number}
              </Link>
            ) : (
              <span className="font-medium">{p.number}</span>
            )}{' '}
            <Badge>{p.status}</Badge>{' '}
            <span className="text-xs text-ink-muted">
              {p.kind.toLowerCase()} · created {when.format(p.createdAt)} UTC
              {p.completedAt ? ` · completed ${when.format(p.completedAt)} UTC` : ''}
              {p.cancelledAt ? ` · cancelled ${when.format(p.cancelledAt)} UTC` : ''}
            </span>
            <ul className="mt-1 space-y-0.5 pl-4" aria-label={`Lines picked on ${p.number}`}>
              {p.lines.map((l) => (
                <li key={l.id}>
                  <span className="font-mono">{l.sku}</span> from {l.locationCode}
                  {l.lotNumber ? ` (lot ${l.lotNumber})` : ''}: {l.picked} of {l.quantity} picked
                  {l.short > 0 ? (
                    <>
                      {' '}
                      <Badge tone="warning">{l.short} short</Badge>
                    </>
                  ) : null}
                  {l.pickedAt
                    ? ` — by ${l.pickedBy ?? 'a former member'}, ${when.format(l.pickedAt)} UTC`
                    : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Card>
  );
}
