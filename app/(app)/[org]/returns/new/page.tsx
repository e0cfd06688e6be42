import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { requireTenant } from '@/lib/auth/require-tenant.ts';
import { isAppError } from '@/lib/errors/app-error.ts';
import { getOrderReturns } from '@/lib/returns/get-return.ts';
import { CreateReturnForm } from '../forms.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New return' };

/** Create an RMA for a shipped line of one order (linked from the order page). */
export default async function NewReturnPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const tenant = await requireTenant(slug, 'returns.manage');
  const { orderId } = await searchParams;
  if (typeof orderId !== 'string') notFound();
  const data = await getOrderReturns(tenant.ctx, orderId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!data) notFound();
  const orderPath = `/${tenant.organization.slug}/orders/${data.order.id}`;
  const lines = data.order.lines
    .map((l) => ({ ...l, left: data.returnable.get(l.id)?.returnable ?? 0 }))
    .filter((l) => l.left > 0 && l.sku);

  return (
    <>
      <PageHeader
        title="New return"
        description={`Order ${data.order.amazonOrderId ?? data.order.id}`}
        actions={<Link href={orderPath}>Back to the order</Link>}
      />
      <Card>
        <CardHeader title="Units coming back" />
        <div className="p-4">
          {lines.length === 0 ? (
            <p className="text-sm text-ink-muted">Every shipped unit of this order is already on a return.</p>
          ) : (
            <CreateReturnForm
              orgSlug={tenant.organization.slug}
              lines={lines.map((l) => ({ id: l.id, label: `${l.sku} (up to ${l.left})` }))}
            />
          )}
        </div>
      </Card>
    </>
  );
}
