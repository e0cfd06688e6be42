// The order page's Returns section: this order's RMAs and, for who may manage returns, the form
// creating one for a line that still has shipped units not on a return.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { CreateReturnForm } from './forms.tsx';
import { holds } from '@/lib/auth/require-tenant.ts';
import type { ResolvedTenant } from '@/lib/auth/resolve-tenant-context.ts';
import { getOrderReturns } from '@/lib/returns/get-return.ts';
import { REASON_LABEL, RETURN_STATUS_LABEL, RETURN_STATUS_TONE } from '@/components/returns/labels.ts';

export async function OrderReturns({
  tenant,
  orderId,
  lines,
}: {
  tenant: ResolvedTenant;
  orderId: string;
  lines: readonly { id: string; sku: string | null }[];
}) {
  const { returns, returnable } = await getOrderReturns(tenant.ctx, orderId);
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
        {holds(tenant, 'returns.manage') && open.length > 0 ? (
          <CreateReturnForm
            orgSlug={slug}
            lines={open.map((l) => ({ id: l.id, label: `${l.sku} (up to ${l.left})` }))}
          />
        ) : null}
      </div>
    </Card>
  );
}
