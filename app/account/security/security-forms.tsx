'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormMessage } from '@/components/auth/auth-card.tsx';
import type { FormState } from '@/lib/auth/form-state.ts';
import {
  submitChangePassword,
  submitConfirmMfa,
  submitDisableMfa,
  submitReauthenticate,
  submitRegenerateCodes,
  submitStartMfa,
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

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
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
      <Button onClick={onDone}>I have saved them</Button>
    </div>
  );
}

export interface MfaPanelProps {
  mfaOn: boolean;
  codesLeft: number;
  enrolment: { qrDataUrl: string; secretForDisplay: string } | null;
}

/**
 * The whole two-factor section in one client component, so the recovery codes returned by an
 * action survive the page refresh that follows it (a server action that writes the session
 * cookie re-renders the page; this component keeps its place in the tree, and its state).
 */
export function MfaPanel({ mfaOn, codesLeft, enrolment }: MfaPanelProps) {
  const [confirmState, confirmAction, confirming] = useActionState(submitConfirmMfa, INITIAL);
  const [regenState, regenAction, regenerating] = useActionState(submitRegenerateCodes, INITIAL);
  const [disableState, disableAction, disabling] = useActionState(submitDisableMfa, INITIAL);
  const [dismissed, setDismissed] = useState<string[] | null>(null);
  const codes = regenState.secrets ?? confirmState.secrets;
  if (codes && codes !== dismissed) return <RecoveryCodes codes={codes} onDone={() => setDismissed(codes)} />;

  if (mfaOn) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-ink-muted">
          {codesLeft} unused recovery code{codesLeft === 1 ? '' : 's'} left.
        </p>
        <form action={regenAction} className="flex max-w-md flex-wrap items-end gap-3" noValidate>
          <FormMessage>{regenState.message}</FormMessage>
          <Field
            label="Code to create new recovery codes"
            error={regenState.fieldErrors?.code}
            className="flex-1"
          >
            {(p) => <Input {...p} name="code" autoComplete="one-time-code" className="font-mono" />}
          </Field>
          <Button type="submit" loading={regenerating}>
            New recovery codes
          </Button>
        </form>
        <form action={disableAction} className="flex max-w-md flex-wrap items-end gap-3" noValidate>
          <FormMessage>{disableState.ok ? undefined : disableState.message}</FormMessage>
          <Field
            label="Code to turn two-factor off"
            error={disableState.fieldErrors?.code}
            className="flex-1"
          >
            {(p) => <Input {...p} name="code" autoComplete="one-time-code" className="font-mono" />}
          </Field>
          <Button type="submit" variant="danger" loading={disabling}>
            Turn off
          </Button>
        </form>
      </div>
    );
  }

  if (enrolment) {
    return (
      <div className="space-y-4">
        {disableState.ok ? <FormMessage tone="info">{disableState.message}</FormMessage> : null}
        <p className="text-sm text-ink-muted">
          Scan this QR code with your authenticator app, then enter the 6-digit code it shows.
        </p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
        <img
          src={enrolment.qrDataUrl}
          alt="QR code for your authenticator app"
          width={180}
          height={180}
          className="rounded-control border border-line bg-white p-2"
        />
        <p className="text-xs text-ink-subtle">
          Or type this key into the app:{' '}
          <code data-testid="totp-secret" className="font-mono text-ink">
            {enrolment.secretForDisplay}
          </code>
        </p>
        <form action={confirmAction} className="max-w-sm space-y-4" noValidate>
          <FormMessage>{confirmState.message}</FormMessage>
          <Field label="Code from your app" error={confirmState.fieldErrors?.code} required>
            {(p) => (
              <Input
                {...p}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                className="font-mono"
              />
            )}
          </Field>
          <Button type="submit" variant="primary" loading={confirming}>
            Turn on two-factor authentication
          </Button>
        </form>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {disableState.ok ? <FormMessage tone="info">{disableState.message}</FormMessage> : null}
      <form action={submitStartMfa}>
        <Button type="submit" variant="primary">
          Set up two-factor authentication
        </Button>
      </form>
    </div>
  );
}

/**
 * The re-authentication step a sensitive change asks for (lib/auth/recent-auth.ts): the password,
 * or a code from the authenticator app when MFA is on. On success the page reloads with the change
 * allowed for the next few minutes.
 */
export function ReauthenticateForm({ method, reason }: { method: 'password' | 'mfa'; reason: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(async (prev: FormState, formData: FormData) => {
    const next = await submitReauthenticate(prev, formData);
    if (next.ok) router.refresh();
    return next;
  }, INITIAL);
  return (
    <form action={action} className="max-w-sm space-y-4" aria-label="Confirm it is you" noValidate>
      <p className="text-sm text-ink-muted">{reason}</p>
      <FormMessage tone={state.ok ? 'info' : 'error'}>{state.message}</FormMessage>
      <Field
        label={method === 'mfa' ? 'Code from your authenticator app' : 'Your password'}
        error={state.fieldErrors?.secret}
        required
      >
        {(p) =>
          method === 'mfa' ? (
            <Input {...p} name="secret" inputMode="numeric" autoComplete="one-time-code" />
          ) : (
            <Input {...p} type="password" name="secret" autoComplete="current-password" />
          )
        }
      </Field>
      <Button type="submit" variant="primary" loading={pending}>
        Confirm
      </Button>
    </form>
  );
}
