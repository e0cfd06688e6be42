'use client';

import { useActionState } from 'react';
import { FormDone, FormMessage } from '@/components/auth/auth-card.tsx';
import { useFragmentToken } from '@/components/auth/use-fragment-token.ts';
import { Button } from '@/components/ui/button.tsx';
import type { FormState } from '@/lib/auth/form-state.ts';
import { submitResendVerification, submitVerifyEmail } from './actions.ts';

/**
 * With a link's token (in the fragment): one button confirms the address — a click, so mail
 * scanners that fetch links confirm nothing. Without one: the signed-in user's status and a way
 * to get a new link.
 */
export function VerifyEmailForms({ status }: { status: 'verified' | 'unverified' | 'signed_out' }) {
  const token = useFragmentToken();
  return token ? <ConfirmForm token={token} /> : <Status status={status} />;
}

function ConfirmForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(submitVerifyEmail, {} as FormState);
  if (state.ok) return <FormDone message={state.message} href="/" label="Continue to Packline" />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage>{state.message ?? state.fieldErrors?.token}</FormMessage>
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Confirm my email address
      </Button>
    </form>
  );
}

function Status({ status }: { status: 'verified' | 'unverified' | 'signed_out' }) {
  const [state, action, pending] = useActionState(submitResendVerification, {} as FormState);
  if (status === 'verified') return <FormMessage tone="info">Your email address is confirmed.</FormMessage>;
  if (status === 'signed_out') {
    return (
      <p className="text-sm text-ink-muted">
        Open the link from the email we sent you, or sign in to send a new one.
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <p className="text-sm text-ink-muted">
        We sent a confirmation link to your address. Until you open it you cannot join other organizations or
        sign in with Google.
      </p>
      <FormMessage tone={state.ok ? 'info' : 'error'}>{state.message}</FormMessage>
      <Button type="submit" className="w-full" loading={pending}>
        Send a new link
      </Button>
    </form>
  );
}
