'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Select } from '@/components/ui/select.tsx';
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

/** Decrypts the recipient for a stated purpose (audited). Nothing is kept after leaving the page. */
export function RevealRecipient({ orgSlug, orderId }: { orgSlug: string; orderId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [data, setData] = useState<Revealed | null>(null);
  const [purpose, setPurpose] = useState('customer-service');

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
      <Select
        aria-label="Purpose"
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        options={[
          { value: 'customer-service', label: 'Customer service' },
          { value: 'packing-slip', label: 'Packing slip' },
          { value: 'label', label: 'Shipping label' },
        ]}
      />
      <Button
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await revealRecipientAction(orgSlug, { orderId, purpose: purpose as 'label' });
            if (!result.ok) return setError(result.error.message);
            setData(result.data as Revealed);
          })
        }
      >
        Reveal
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
