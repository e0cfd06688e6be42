'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { FormMessage } from '@/components/auth/auth-card.tsx';
import { RecentAuthField } from '@/components/auth/recent-auth-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { cancelTerminationAction, requestTerminationAction } from './actions.ts';

export function RequestTerminationForm({
  orgSlug,
  orgName,
  method,
}: {
  orgSlug: string;
  orgName: string;
  method: 'mfa' | 'password';
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<{ message?: string }>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get('mfaCode') ?? '');
    const proof = method === 'mfa' ? { mfaCode: code } : { password: String(form.get('password') ?? '') };
    start(async () => {
      const result = await requestTerminationAction(orgSlug, {
        confirmName: String(form.get('confirmName') ?? ''),
        proof,
      });
      if (result.ok) {
        setFailure({});
        router.refresh();
        return;
      }
      setFailure({ message: result.error.message });
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="max-w-sm space-y-4"
      noValidate
      aria-label="Terminate the organization"
    >
      <FormMessage>{failure.message}</FormMessage>
      <InputField
        label={`Type the organization’s name (${orgName})`}
        name="confirmName"
        autoComplete="off"
        required
      />
      <RecentAuthField method={method} />
      <Button type="submit" variant="danger" loading={pending}>
        Terminate in 7 days
      </Button>
    </form>
  );
}

export function CancelTerminationButton({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <Button
        variant="primary"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await cancelTerminationAction(orgSlug, {});
            if (result.ok) router.refresh();
            else setMessage(result.error.message);
          })
        }
      >
        Cancel the termination
      </Button>
      {message ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}
