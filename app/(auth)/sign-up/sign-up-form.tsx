'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormMessage, Honeypot } from '@/components/auth/auth-card.tsx';
import type { FormState } from '@/lib/auth/form-state.ts';
import { submitSignUp } from './actions.ts';

export function SignUpForm() {
  const [state, action, pending] = useActionState(submitSignUp, {} as FormState);
  const err = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="relative space-y-4" noValidate>
      <FormMessage>{state.message}</FormMessage>
      <Honeypot />
      <Field label="Your name" error={err.name} required>
        {(p) => <Input {...p} name="name" autoComplete="name" defaultValue={values.name} maxLength={100} />}
      </Field>
      <Field label="Work email" error={err.email} required>
        {(p) => (
          <Input
            {...p}
            type="email"
            name="email"
            autoComplete="email"
            defaultValue={values.email}
            maxLength={320}
          />
        )}
      </Field>
      <Field
        label="Password"
        error={err.password}
        hint="At least 12 characters. A passphrase of a few unrelated words works well."
        required
      >
        {(p) => <Input {...p} type="password" name="password" autoComplete="new-password" />}
      </Field>
      <Field label="Organization name" error={err.organizationName} hint="Your company or shop." required>
        {(p) => (
          <Input
            {...p}
            name="organizationName"
            autoComplete="organization"
            defaultValue={values.organizationName}
            maxLength={100}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Create account
      </Button>
    </form>
  );
}
