'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { ActionButton } from '@/components/ui/action-button.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { Select } from '@/components/ui/select.tsx';
import { placeOrderHoldAction, releaseOrderHoldAction } from './hold-actions.ts';

type Kind = 'DISPUTE' | 'LATE_FULFILMENT' | 'LEGAL';

const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'DISPUTE', label: 'Dispute (stops picking)' },
  { value: 'LATE_FULFILMENT', label: 'Late fulfilment (pre-order, accepted backorder)' },
  { value: 'LEGAL', label: 'Legal hold (stops picking; until released)' },
];

/** Places a hold with a written reason (audited). */
export function PlaceHoldForm({
  orgSlug,
  orderId,
  allowLegal,
}: {
  orgSlug: string;
  orderId: string;
  allowLegal: boolean;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('DISPUTE');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const reason = String(new FormData(form).get('reason') ?? '');
    start(async () => {
      const result = await placeOrderHoldAction(orgSlug, { orderId, kind, reason });
      setError(result.ok ? null : result.error.message);
      if (result.ok) form.reset();
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label="Place an order hold">
      <Select
        aria-label="Hold kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
        options={KIND_OPTIONS.filter((o) => allowLegal || o.value !== 'LEGAL')}
      />
      <InputField
        label="Reason"
        name="reason"
        required
        minLength={5}
        maxLength={500}
        className="min-w-64 flex-1"
      />
      <Button type="submit" size="sm" loading={pending}>
        Hold
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function ReleaseHoldButton({ orgSlug, holdId }: { orgSlug: string; holdId: string }) {
  return <ActionButton label="Release" run={() => releaseOrderHoldAction(orgSlug, { holdId })} />;
}
