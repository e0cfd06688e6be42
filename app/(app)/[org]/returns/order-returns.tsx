// The order page's Returns section: this order's RMAs and, for who may manage returns, the link to
// create one while a line still has shipped units not on a return. No client components here:
// the order page is also rendered to HTML in the PII canary test.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import type { ResolvedTenant } from '@/lib/auth/resolve-tenant-context.ts';
import type { getOrderReturns } from '@/lib/returns/get-return.ts';
import { REASON_LABEL, RETURN_STATUS_LABEL, RETURN_STATUS_TONE } from '@/components/returns/labels.ts';

/** The page loads `returns` with getOrderReturns (a plain component: rendered to HTML in tests). */
export function OrderReturns({
  tenant,
  lines,
  data,
}: {
  tenant: ResolvedTenant;
  lines: readonly { id: string; sku: string | null }[];
  data: Awaited<ReturnType<typeof getOrderReturns>>;
}) {
  const { returns, returnable } = data;
  const slug = tenant.organization.slug;
  const open = lines
    .map((l) => ({ ...l, left: returnable.get(l.id)?.returnable ?? 0 }))
    .filter((l) => l.left > 0 && l.sku);
  return (
    <Card className="mt-6">
      <CardHeader title="Returns" />
      <div className="space-y-4 p-4 text-sm">
        {returns.length === 0 ? (
          <p className="text-ink-muted">No returns for this order.</p>
        ) : (
          <ul className="space-y-1" aria-label="Returns of this order">
            {returns.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2">
                <Link href={`/${slug}/returns/${r.id}`} className="font-medium">
                  {r.number}
                </Link>
                <span>
                  {r.quantityReceived} / {r.quantityExpected} received · {REASON_LABEL[r.reason]}
                </span>
                <Badge tone={RETURN_STATUS_TONE[r.status]}>{RETURN_STATUS_LABEL[r.status]}</Badge>
              </li>
            ))}
          </ul>
        )}
        {tenant.ctx.permissions.has('returns.manage') && open.length > 0 ? (
          <Link href={`/${slug}/returns/new?orderId=${data.orderId}`} className="font-medium">
            Create a return ({open.map((l) => `${l.sku}: up to ${l.left}`).join(', ')})
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
