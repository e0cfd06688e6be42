'use client';
// Row actions of the shipments list: dispatch a labelled parcel, void one (cancels its label at
// the carrier), retry an Amazon confirmation that failed.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import {
  dispatchAction,
  retryConfirmationAction,
  voidShipmentAction,
} from '@/app/(app)/[org]/fulfilment/pack/actions.ts';

export function ShipmentActions({
  orgSlug,
  shipmentId,
  status,
  confirmation,
}: {
  orgSlug: string;
  shipmentId: string;
  status: string;
  confirmation: string | null;
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const run = (label: string, action: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    start(async () => {
      const result = await action();
      toast(
        result.ok
          ? { title: label, tone: 'success' }
          : { title: result.error?.message ?? 'failed', tone: 'error' },
      );
      router.refresh();
    });
  return (
    <span className="flex justify-end gap-1.5">
      {status === 'LABELLED' && (
        <Button
          size="sm"
          variant="primary"
          loading={pending}
          onClick={() => run('Dispatched', () => dispatchAction(orgSlug, { shipmentIds: [shipmentId] }))}
        >
          Dispatch
        </Button>
      )}
      {(status === 'PACKED' || status === 'LABELLED') && (
        <Button
          size="sm"
          variant="danger"
          loading={pending}
          onClick={() => run('Voided', () => voidShipmentAction(orgSlug, { shipmentId }))}
        >
          Void
        </Button>
      )}
      {status === 'SHIPPED' && confirmation === 'FAILED' && (
        <Button
          size="sm"
          loading={pending}
          onClick={() => run('Confirmation queued', () => retryConfirmationAction(orgSlug, { shipmentId }))}
        >
          Retry confirmation
        </Button>
      )}
    </span>
  );
}
