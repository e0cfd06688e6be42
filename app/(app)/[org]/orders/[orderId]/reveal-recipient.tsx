'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { revealRecipientAction } from './actions.ts';

type Revealed = Record<string, string | null | undefined>;

const FIELDS: [string, string][] = [
  ['name', 'Name'],
  ['addressLine1', 'Address'],
  ['addressLine2', ''],
  ['addressLine3', ''],
  ['city', 'City'],
  ['region', 'Region'],
  ['postcode', 'Postcode'],
  ['phone', 'Phone'],
  ['email', 'Email'],
];

/**
 * Decrypts the recipient for customer service (pii.reveal, audited) — the only purpose shown on
 * screen; labels and packing slips print from the shipping screens. Nothing is kept after leaving
 * the page.
 */
export function RevealRecipient({ orgSlug, orderId }: { orgSlug: string; orderId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [data, setData] = useState<Revealed | null>(null);

  if (data) {
    return (
      <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm" data-testid="recipient-revealed">
        {FIELDS.filter(([k]) => data[k]).map(([k, label]) => (
          <div key={k} className="contents">
            <dt className="text-ink-muted">{label}</dt>
            <dd>{data[k]}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await revealRecipientAction(orgSlug, { orderId, purpose: 'customer-service' });
            if (!result.ok) return setError(result.error.message);
            setData(result.data as Revealed);
          })
        }
      >
        Reveal for customer service
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
