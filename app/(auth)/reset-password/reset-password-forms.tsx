'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormDone, FormMessage, Honeypot } from '@/components/auth/auth-card.tsx';
import { useFragmentToken } from '@/components/auth/use-fragment-token.ts';
import type { FormState } from '@/lib/auth/form-state.ts';
import { submitNewPassword, submitResetRequest } from './actions.ts';

/**
 * The reset link carries its token in the URL fragment (`#token=…`), which never reaches a server
 * log; it is read here and posted with the new password.
 */
export function ResetPasswordForms() {
  const token = useFragmentToken();
  return token ? <NewPasswordForm token={token} /> : <RequestForm />;
}

function RequestForm() {
  const [state, action, pending] = useActionState(submitResetRequest, {} as FormState);
  if (state.ok) return <FormMessage tone="info">{state.message}</FormMessage>;
  return (
    <form action={action} className="relative space-y-4" noValidate>
      <p className="text-sm text-ink-muted">Enter your account’s email and we will send you a reset link.</p>
      <FormMessage>{state.message}</FormMessage>
      <Honeypot />
      <Field label="Email" error={state.fieldErrors?.email} required>
        {(p) => <Input {...p} type="email" name="email" autoComplete="email" />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Send reset link
      </Button>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(submitNewPassword, {} as FormState);
  if (state.ok) return <FormDone message={state.message} href="/sign-in" label="Sign in" />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage>{state.message ?? state.fieldErrors?.token}</FormMessage>
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        error={state.fieldErrors?.password}
        hint="At least 12 characters, not one you used recently."
        required
      >
        {(p) => <Input {...p} type="password" name="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Set new password
      </Button>
    </form>
  );
}
