// What the order page shows for a soft-deleted order: when it was deleted, when it goes for good,
// and Restore for members who may update orders.
import Link from 'next/link';
import { Card } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/shell/page-header.tsx';
import { when } from '../order-format.ts';
import { RestoreOrderButton } from './order-deletion.tsx';

export function DeletedOrder({
  orgSlug,
  order,
  canRestore,
}: {
  orgSlug: string;
  order: { id: string; amazonOrderId: string | null; deletedAt: Date; hardDeleteAfter: Date };
  canRestore: boolean;
}) {
  return (
    <>
      <PageHeader
        title={order.amazonOrderId ?? order.id}
        description="Deleted order"
        actions={<Link href={`/${orgSlug}/orders`}>All orders</Link>}
      />
      <Card>
        <div className="space-y-4 p-4 text-sm" data-testid="deleted-order">
          <p role="status">
            Deleted on {when.format(order.deletedAt)} UTC. It will be deleted for good, with its buyer
            details, on {when.format(order.hardDeleteAfter)} UTC.
          </p>
          {canRestore ? <RestoreOrderButton orgSlug={orgSlug} orderId={order.id} /> : null}
        </div>
      </Card>
    </>
  );
}
