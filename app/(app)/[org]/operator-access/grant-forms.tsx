'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { Permission } from '@/lib/auth/permissions.ts';
import { createBreakGlassGrantAction, revokeBreakGlassGrantAction } from './actions.ts';

export function GrantForm({ orgSlug, permissions }: { orgSlug: string; permissions: string[] }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const result = await createBreakGlassGrantAction(orgSlug, {
        operatorEmail: String(data.get('operatorEmail') ?? ''),
        reason: String(data.get('reason') ?? ''),
        hours: Number(data.get('hours') ?? 1),
        permissions: data.getAll('permissions').map(String) as Permission[],
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      form.reset();
      toast({ title: 'Access granted', tone: 'success' });
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Grant operator access">
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1.5 sm:col-span-2">
          <Label htmlFor="grant-email">Operator email</Label>
          <Input id="grant-email" name="operatorEmail" type="email" required />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="grant-hours">Hours (1–24)</Label>
          <Input id="grant-hours" name="hours" type="number" min={1} max={24} defaultValue={2} required />
        </div>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="grant-reason">Reason</Label>
        <Input
          id="grant-reason"
          name="reason"
          required
          minLength={10}
          maxLength={500}
          placeholder="e.g. Ticket 1234: stock levels look wrong"
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-ink">Permissions</legend>
        <div className="mt-2 grid grid-cols-1 gap-1.5 sm:grid-cols-2 lg:grid-cols-3">
          {permissions.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="permissions"
                value={p}
                defaultChecked={p === 'organization.read'}
              />
              <code className="text-xs">{p}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" variant="primary" loading={pending}>
        Grant access
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function RevokeGrantButton({ orgSlug, grantId }: { orgSlug: string; grantId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="danger"
      loading={pending}
      onClick={() =>
        start(async () => {
          await revokeBreakGlassGrantAction(orgSlug, { grantId });
          router.refresh();
        })
      }
    >
      Revoke
    </Button>
  );
}
