'use client';
// Delete / restore on the order page. A deleted order is hidden everywhere and can be restored
// until it is hard-deleted 90 days later.
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { deleteOrderAction, restoreOrderAction } from './deletion-actions.ts';

function useOrderAction(action: typeof deleteOrderAction) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (orgSlug: string, orderId: string) =>
    start(async () => {
      const result = await action(orgSlug, { orderId });
      // The action revalidates the page on success.
      if (!result.ok) setError(result.error.message);
    });
  return { pending, error, run };
}

function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

export function DeleteOrderButton({ orgSlug, orderId }: { orgSlug: string; orderId: string }) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useOrderAction(deleteOrderAction);
  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete order
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm deletion">
      <span className="text-sm">Delete? It can be restored for 90 days.</span>
      <Button variant="danger" loading={pending} onClick={() => run(orgSlug, orderId)}>
        Yes, delete
      </Button>
      <Button onClick={() => setConfirming(false)}>Keep it</Button>
      <ErrorText error={error} />
    </div>
  );
}

export function RestoreOrderButton({ orgSlug, orderId }: { orgSlug: string; orderId: string }) {
  const { pending, error, run } = useOrderAction(restoreOrderAction);
  return (
    <div className="flex items-center gap-3">
      <Button variant="primary" loading={pending} onClick={() => run(orgSlug, orderId)}>
        Restore order
      </Button>
      <ErrorText error={error} />
    </div>
  );
}
