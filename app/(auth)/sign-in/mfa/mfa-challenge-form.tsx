'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormMessage } from '@/components/auth/auth-card.tsx';
import type { FormState } from '@/lib/auth/form-state.ts';
import { submitMfaChallenge } from './actions.ts';

export function MfaChallengeForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(submitMfaChallenge, {} as FormState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage>{state.message}</FormMessage>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label="Authentication code" error={state.fieldErrors?.code}>
        {(p) => (
          <Input
            {...p}
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            className="font-mono tracking-widest"
          />
        )}
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Verify
      </Button>
    </form>
  );
}
