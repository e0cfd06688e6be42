'use client';
// The listings screen's controls: map an unmapped listing by SKU/barcode (a keyboard-wedge
// scanner's Enter submits), unmap, push now, import listings. Each calls one server action and
// refreshes the page; errors show in place.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { importListingsAction, mapListingAction, pushListingNowAction } from './actions.ts';

type Result = { ok: true } | { ok: false; error: { message: string } };

function useRun() {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<Result>, success: string) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      toast({ title: success, tone: 'success' });
      router.refresh();
    });
  return { pending, error, run };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {error}
    </p>
  ) : null;
}

export function MapListingForm({
  orgSlug,
  listingId,
  sellerSku,
}: {
  orgSlug: string;
  listingId: string;
  sellerSku: string;
}) {
  const { pending, error, run } = useRun();
  return (
    <form
      aria-label={`Map ${sellerSku}`}
      className="flex items-start gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        const productCode = String(new FormData(event.currentTarget).get('productCode') ?? '').trim();
        if (!productCode) return;
        run(() => mapListingAction(orgSlug, { listingId, productCode }), `${sellerSku} mapped`);
      }}
    >
      <div>
        <Input
          name="productCode"
          className="w-40"
          placeholder="Product SKU or barcode"
          aria-label={`Product for ${sellerSku}`}
          autoComplete="off"
        />
        <ErrorLine error={error} />
      </div>
      <Button type="submit" size="sm" loading={pending}>
        Map
      </Button>
    </form>
  );
}

export function UnmapButton({
  orgSlug,
  listingId,
  sellerSku,
}: {
  orgSlug: string;
  listingId: string;
  sellerSku: string;
}) {
  const { pending, error, run } = useRun();
  return (
    <div>
      <Button
        size="sm"
        variant="ghost"
        loading={pending}
        aria-label={`Unmap ${sellerSku}`}
        onClick={() =>
          run(() => mapListingAction(orgSlug, { listingId, productCode: null }), `${sellerSku} unmapped`)
        }
      >
        Unmap
      </Button>
      <ErrorLine error={error} />
    </div>
  );
}

export function PushNowButton({
  orgSlug,
  listingId,
  sellerSku,
}: {
  orgSlug: string;
  listingId: string;
  sellerSku: string;
}) {
  const { pending, error, run } = useRun();
  return (
    <div>
      <Button
        size="sm"
        loading={pending}
        aria-label={`Push ${sellerSku} now`}
        onClick={() =>
          run(() => pushListingNowAction(orgSlug, { listingId }), `Stock push of ${sellerSku} queued`)
        }
      >
        Push now
      </Button>
      <ErrorLine error={error} />
    </div>
  );
}

export function ImportListingsButton({
  orgSlug,
  integrationId,
  label,
}: {
  orgSlug: string;
  integrationId: string;
  label: string;
}) {
  const { pending, error, run } = useRun();
  return (
    <div>
      <Button
        variant="primary"
        loading={pending}
        onClick={() =>
          run(
            () => importListingsAction(orgSlug, { integrationId }),
            'Listings import queued: refresh in a moment',
          )
        }
      >
        {label}
      </Button>
      <ErrorLine error={error} />
    </div>
  );
}
