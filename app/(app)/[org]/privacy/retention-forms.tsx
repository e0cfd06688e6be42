'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { ActionButton } from '@/components/ui/action-button.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import {
  exportComplianceEvidenceAction,
  reviewMemberAccessAction,
  runRetentionNowAction,
  updateRetentionPolicyAction,
} from './actions.ts';

export function RetentionPolicyForm({ orgSlug, days, max }: { orgSlug: string; days: number; max: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(new FormData(event.currentTarget).get('days'));
    start(async () => {
      const result = await updateRetentionPolicyAction(orgSlug, { piiRetentionDays: value });
      setMessage(result.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: result.error.message });
      if (result.ok) router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="PII retention">
      <div className="space-y-1.5">
        <Label htmlFor="retention-days">Anonymise buyer details this many days after completion</Label>
        <Input
          id="retention-days"
          name="days"
          type="number"
          min={1}
          max={max}
          defaultValue={days}
          required
          className="w-28"
        />
      </div>
      <Button type="submit" variant="primary" loading={pending}>
        Save
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

export function RunRetentionButton({ orgSlug }: { orgSlug: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <Button
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await runRetentionNowAction(orgSlug, {});
            setMessage(result.ok ? 'Retention run queued.' : result.error.message);
          })
        }
      >
        Run now
      </Button>
      {message ? (
        <p role="status" className="text-sm text-ink-muted">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function ExportEvidenceButton({ orgSlug }: { orgSlug: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <Button
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await exportComplianceEvidenceAction(orgSlug, {});
            if (!result.ok) return setError(result.error.message);
            const url = URL.createObjectURL(new Blob([result.data], { type: 'application/json' }));
            const link = document.createElement('a');
            link.href = url;
            link.download = `compliance-evidence-${orgSlug}.json`;
            link.click();
            URL.revokeObjectURL(url);
          })
        }
      >
        Export evidence (JSON)
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ReviewAccessButton({ orgSlug, membershipId }: { orgSlug: string; membershipId: string }) {
  return (
    <ActionButton
      label="Access still needed"
      run={() => reviewMemberAccessAction(orgSlug, { membershipId })}
    />
  );
}
