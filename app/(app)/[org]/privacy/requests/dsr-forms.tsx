'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { InputField } from '@/components/ui/field.tsx';
import {
  eraseDsrAction,
  exportDsrAction,
  openDsrAction,
  rectifyDsrAction,
  setDsrRestrictionAction,
} from './actions.ts';

const KINDS = ['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION'] as const;
type LookupBy = 'orderId' | 'email' | 'phone';

export function OpenDsrForm({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const kind = String(data.get('kind')) as (typeof KINDS)[number];
    const by = String(data.get('by')) as LookupBy;
    const value = String(data.get('value') ?? '');
    const lookup =
      by === 'orderId' ? { orderId: value } : by === 'email' ? { email: value } : { phone: value };
    start(async () => {
      const result = await openDsrAction(orgSlug, { kind, lookup });
      if (!result.ok) {
        setMessage({ ok: false, text: result.error.message });
        return;
      }
      setMessage({ ok: true, text: `Request opened: ${result.data.records} record(s) found.` });
      form.reset();
      router.refresh();
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-wrap items-end gap-3"
      aria-label="Open a data-subject request"
    >
      <div className="space-y-1.5">
        <Label htmlFor="dsr-kind">Request</Label>
        <select id="dsr-kind" name="kind" className="h-9 rounded-md border border-line px-2 text-sm">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k.toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="dsr-by">Find buyer by</Label>
        <select id="dsr-by" name="by" className="h-9 rounded-md border border-line px-2 text-sm">
          <option value="orderId">order id</option>
          <option value="email">email</option>
          <option value="phone">phone</option>
        </select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="dsr-value">Value</Label>
        <Input id="dsr-value" name="value" required maxLength={320} autoComplete="off" />
      </div>
      <Button type="submit" variant="primary" loading={pending}>
        Open request
      </Button>
      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'text-sm text-ink-muted' : 'text-sm text-red-700'}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}

const RECTIFIABLE = [
  ['name', 'Name'],
  ['addressLine1', 'Address line 1'],
  ['addressLine2', 'Address line 2'],
  ['addressLine3', 'Address line 3'],
  ['city', 'City'],
  ['region', 'Region'],
  ['postcode', 'Postcode'],
  ['phone', 'Phone'],
  ['email', 'Email'],
] as const;

/** Rectification: the fields filled in replace the stored ones; empty fields stay as they are. */
export function RectifyDsrForm({
  orgSlug,
  requestId,
  recordIds,
  onDone,
}: {
  orgSlug: string;
  requestId: string;
  recordIds: string[];
  onDone: () => void;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const changes = Object.fromEntries(
      RECTIFIABLE.flatMap(([field]) => {
        const value = String(data.get(field) ?? '').trim();
        return value ? [[field, value]] : [];
      }),
    );
    const recordId = String(data.get('recordId') ?? '');
    start(async () => {
      const result = await rectifyDsrAction(orgSlug, { requestId, recordId, changes });
      if (!result.ok) return setError(result.error.message);
      onDone();
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 text-left" aria-label="Rectify buyer details">
      <div className="space-y-1.5">
        <Label htmlFor={`rectify-record-${requestId}`}>Record</Label>
        <select
          id={`rectify-record-${requestId}`}
          name="recordId"
          className="h-9 rounded-md border border-line px-2 text-sm"
        >
          {recordIds.map((id, i) => (
            <option key={id} value={id}>
              record {i + 1} ({id.slice(0, 8)})
            </option>
          ))}
        </select>
      </div>
      <p className="text-xs text-ink-muted">Fill in only what is wrong; the rest stays as stored.</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {RECTIFIABLE.map(([field, label]) => (
          <InputField key={field} label={label} name={field} autoComplete="off" />
        ))}
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="primary" loading={pending}>
          Save correction
        </Button>
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function DsrActions({
  orgSlug,
  requestId,
  kind,
  open,
  recordIds,
}: {
  orgSlug: string;
  requestId: string;
  kind: string;
  open: boolean;
  recordIds: string[];
}) {
  const [rectifying, setRectifying] = useState(false);
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    start(async () => {
      const result = await fn();
      setError(result.ok ? null : (result.error?.message ?? 'failed'));
      router.refresh();
    });
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await exportDsrAction(orgSlug, { requestId });
            if (!result.ok) return setError(result.error.message);
            const url = URL.createObjectURL(new Blob([result.data], { type: 'application/json' }));
            const link = document.createElement('a');
            link.href = url;
            link.download = `dsr-${requestId}.json`;
            link.click();
            URL.revokeObjectURL(url);
            router.refresh();
          })
        }
      >
        Export JSON
      </Button>
      {open && (kind === 'ERASURE' || kind === 'OBJECTION') ? (
        <Button
          size="sm"
          variant="danger"
          loading={pending}
          onClick={() => run(() => eraseDsrAction(orgSlug, { requestId }))}
        >
          Erase now
        </Button>
      ) : null}
      {open && kind === 'RECTIFICATION' && recordIds.length > 0 ? (
        <Button size="sm" onClick={() => setRectifying(true)}>
          Rectify
        </Button>
      ) : null}
      {rectifying ? (
        <div className="basis-full">
          <RectifyDsrForm
            orgSlug={orgSlug}
            requestId={requestId}
            recordIds={recordIds}
            onDone={() => setRectifying(false)}
          />
        </div>
      ) : null}
      {open && kind === 'RESTRICTION' ? (
        <>
          <Button
            size="sm"
            loading={pending}
            onClick={() => run(() => setDsrRestrictionAction(orgSlug, { requestId, restricted: true }))}
          >
            Restrict
          </Button>
          <Button
            size="sm"
            loading={pending}
            onClick={() => run(() => setDsrRestrictionAction(orgSlug, { requestId, restricted: false }))}
          >
            Lift
          </Button>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
