'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { operatorSignInAction } from '../actions.ts';

export function OperatorSignInForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const code = String(data.get('code') ?? '').trim();
    start(async () => {
      const result = await operatorSignInAction({
        email: String(data.get('email') ?? ''),
        password: String(data.get('password') ?? ''),
        ...(code ? { code } : {}),
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      if (result.data.status === 'signed_in') {
        router.push('/operator');
        router.refresh();
      } else if (result.data.status === 'enrol') {
        setEnrolment({ secret: result.data.secret, uri: result.data.uri });
        setStep('code');
      } else {
        setStep('code');
      }
    });
  }

  return (
    <Card>
      <CardHeader
        title="Packline operator console"
        description="Staff only. Password and authenticator code required."
      />
      <form onSubmit={onSubmit} className="space-y-3 p-4">
        <div className="space-y-1.5">
          <Label htmlFor="op-email">Email</Label>
          <Input id="op-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="op-password">Password</Label>
          <Input id="op-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {enrolment ? (
          <div className="space-y-1 rounded-card border border-amber-300 bg-amber-50 p-3 text-xs">
            <p className="font-medium">Set up your authenticator app with this key (shown once):</p>
            <code data-testid="totp-secret" className="block break-all">
              {enrolment.secret}
            </code>
            <p className="break-all text-ink-subtle">{enrolment.uri}</p>
          </div>
        ) : null}
        {step === 'code' ? (
          <div className="space-y-1.5">
            <Label htmlFor="op-code">Authenticator code</Label>
            <Input
              id="op-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              required
            />
          </div>
        ) : null}
        <Button type="submit" variant="primary" loading={pending} className="w-full">
          {step === 'code' ? 'Verify and sign in' : 'Continue'}
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
