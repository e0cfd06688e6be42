'use client';

import { useActionState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormMessage } from '@/components/auth/auth-card.tsx';
import type { FormState } from '@/lib/auth/form-state.ts';
import {
  submitChangePassword,
  submitConfirmMfa,
  submitDisableMfa,
  submitRegenerateCodes,
} from './actions.ts';

const INITIAL = {} as FormState;

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(submitChangePassword, INITIAL);
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate>
      <FormMessage tone={state.ok ? 'info' : 'error'}>{state.message}</FormMessage>
      <Field label="Current password" error={state.fieldErrors?.currentPassword} required>
        {(p) => <Input {...p} type="password" name="currentPassword" autoComplete="current-password" />}
      </Field>
      <Field
        label="New password"
        error={state.fieldErrors?.newPassword}
        hint="At least 12 characters, not one of your last 10."
        required
      >
        {(p) => <Input {...p} type="password" name="newPassword" autoComplete="new-password" />}
      </Field>
      <Button type="submit" variant="primary" loading={pending}>
        Change password
      </Button>
    </form>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const router = useRouter();
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <FormMessage tone="info">
        Save these recovery codes somewhere safe. Each works once if you lose your phone. They are not shown
        again.
      </FormMessage>
      <ul className="grid grid-cols-2 gap-2 rounded-control bg-zinc-50 p-3 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Button onClick={() => router.refresh()}>I have saved them</Button>
    </div>
  );
}

export function ConfirmMfaForm() {
  const [state, action, pending] = useActionState(submitConfirmMfa, INITIAL);
  if (state.ok && state.secrets) return <RecoveryCodes codes={state.secrets} />;
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate>
      <FormMessage>{state.message}</FormMessage>
      <Field label="Code from your app" error={state.fieldErrors?.code} required>
        {(p) => (
          <Input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" className="font-mono" />
        )}
      </Field>
      <Button type="submit" variant="primary" loading={pending}>
        Turn on two-factor authentication
      </Button>
    </form>
  );
}

export function RegenerateCodesForm() {
  const [state, action, pending] = useActionState(submitRegenerateCodes, INITIAL);
  if (state.ok && state.secrets) return <RecoveryCodes codes={state.secrets} />;
  return (
    <form action={action} className="flex max-w-md flex-wrap items-end gap-3" noValidate>
      <FormMessage>{state.message}</FormMessage>
      <Field label="Code to create new recovery codes" error={state.fieldErrors?.code} className="flex-1">
        {(p) => <Input {...p} name="code" autoComplete="one-time-code" className="font-mono" />}
      </Field>
      <Button type="submit" loading={pending}>
        New recovery codes
      </Button>
    </form>
  );
}

export function DisableMfaForm() {
  const [state, action, pending] = useActionState(submitDisableMfa, INITIAL);
  return (
    <form action={action} className="flex max-w-md flex-wrap items-end gap-3" noValidate>
      <FormMessage tone={state.ok ? 'info' : 'error'}>{state.message}</FormMessage>
      <Field label="Code to turn two-factor off" error={state.fieldErrors?.code} className="flex-1">
        {(p) => <Input {...p} name="code" autoComplete="one-time-code" className="font-mono" />}
      </Field>
      <Button type="submit" variant="danger" loading={pending}>
        Turn off
      </Button>
    </form>
  );
}
