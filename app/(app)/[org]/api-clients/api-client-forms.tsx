'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { Permission } from '@/lib/auth/permissions.ts';
import { createApiClientAction, revokeApiClientAction } from './actions.ts';

export function CreateApiClientForm({ orgSlug, permissions }: { orgSlug: string; permissions: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ clientId: string; clientSecret: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '');
    const chosen = data.getAll('permissions').map(String) as Permission[];
    start(async () => {
      const result = await createApiClientAction(orgSlug, { name, permissions: chosen });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setCreated({ clientId: result.data.clientId, clientSecret: result.data.clientSecret });
      form.reset();
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {created ? (
        <div role="status" className="space-y-2 rounded-card border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Copy the secret now — it will not be shown again.</p>
          <p>
            Client id: <code data-testid="client-id">{created.clientId}</code>
          </p>
          <p className="break-all">
            Client secret: <code data-testid="client-secret">{created.clientSecret}</code>
          </p>
          <Button size="sm" onClick={() => setCreated(null)}>
            Done
          </Button>
        </div>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-3" aria-label="Create an API client">
        <div className="max-w-sm space-y-1.5">
          <Label htmlFor="api-client-name">Name</Label>
          <Input id="api-client-name" name="name" required maxLength={80} placeholder="e.g. ERP sync" />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-ink">Permissions</legend>
          <div className="mt-2 grid grid-cols-1 gap-1.5 sm:grid-cols-2 lg:grid-cols-3">
            {permissions.map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="permissions" value={p} defaultChecked={p.endsWith('.read')} />
                <code className="text-xs">{p}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" variant="primary" loading={pending}>
          Create client
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    </div>
  );
}

export function RevokeApiClientButton({
  orgSlug,
  apiClientId,
  name,
}: {
  orgSlug: string;
  apiClientId: string;
  name: string;
}) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="danger"
      loading={pending}
      aria-label={`Revoke ${name}`}
      onClick={() => {
        if (!window.confirm(`Revoke ${name}? Its tokens stop working at once.`)) return;
        start(async () => {
          const result = await revokeApiClientAction(orgSlug, { apiClientId });
          toast(
            result.ok
              ? { title: 'API client revoked', tone: 'success' }
              : { title: 'Not done', description: result.error.message, tone: 'error' },
          );
          router.refresh();
        });
      }}
    >
      Revoke
    </Button>
  );
}
