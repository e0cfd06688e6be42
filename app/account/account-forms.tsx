'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/auth/auth-card.tsx';
import { RecentAuthField } from '@/components/auth/recent-auth-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import type { FormState } from '@/lib/auth/form-state.ts';
import { submitDeleteAccount } from './actions.ts';

export function DeleteAccountForm({ method }: { method: 'mfa' | 'password' }) {
  const [state, action, pending] = useActionState(submitDeleteAccount, {} as FormState);
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate aria-label="Delete your account">
      <FormMessage>{state.message}</FormMessage>
      <RecentAuthField method={method} errors={state.fieldErrors} />
      <InputField
        label="Type DELETE to confirm"
        name="confirm"
        autoComplete="off"
        error={state.fieldErrors?.confirm}
        required
      />
      <Button type="submit" variant="danger" loading={pending}>
        Delete my account
      </Button>
    </form>
  );
}
