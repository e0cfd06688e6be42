'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormMessage } from '@/components/auth/auth-card.tsx';

/** next-auth error codes → what the person sees. Unknown and wrong passwords read the same. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'The email or password is not correct.',
  RateLimited: 'Too many attempts. For your security, sign-in is paused for 15 minutes.',
  PasswordExpired:
    'Your organization’s password rules (365-day maximum age, mixed character types) require a new password. Use “Forgot your password?” to set one.',
  AccessDenied:
    'Google sign-in works for a Packline account with this address whose email is confirmed. Create an account or sign in with your password, confirm your address, then use Google.',
  OAuthSignin: 'Google sign-in could not start. Try again.',
  OAuthCallback: 'Google sign-in did not complete. Try again.',
  SessionRequired: 'Sign in to continue.',
  Unavailable: 'Sign-in is unavailable for a moment. Try again shortly.',
};
const FALLBACK = 'Sign-in failed. Try again.';

export function SignInForm({
  callbackUrl,
  google,
  initialError,
}: {
  callbackUrl: string;
  google: boolean;
  initialError?: string;
}) {
  const [error, setError] = useState<string | undefined>(
    initialError ? (MESSAGES[initialError] ?? FALLBACK) : undefined,
  );
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (!result || result.error || !result.ok) {
        setError(MESSAGES[result?.error ?? ''] ?? FALLBACK);
        setBusy(false);
        return;
      }
      // The home page sends a session that still needs its MFA code to the challenge.
      router.replace(`/sign-in/continue?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      router.refresh();
    } catch {
      setError(FALLBACK);
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormMessage>{error}</FormMessage>
        <Field label="Email">
          {(p) => <Input {...p} type="email" name="email" autoComplete="username" required />}
        </Field>
        <Field label="Password">
          {(p) => <Input {...p} type="password" name="password" autoComplete="current-password" required />}
        </Field>
        <div className="flex items-center justify-between gap-4">
          <Link href="/reset-password" className="text-sm text-accent-700 hover:underline">
            Forgot your password?
          </Link>
          <Button type="submit" variant="primary" loading={busy}>
            Sign in
          </Button>
        </div>
      </form>
      {google ? (
        <>
          <div className="flex items-center gap-3 text-xs text-ink-subtle">
            <span className="h-px flex-1 bg-line" /> or <span className="h-px flex-1 bg-line" />
          </div>
          <Button
            className="w-full"
            onClick={() => {
              void signIn('google', {
                callbackUrl: `/sign-in/continue?callbackUrl=${encodeURIComponent(callbackUrl)}`,
              });
            }}
          >
            Sign in with Google
          </Button>
        </>
      ) : null}
    </div>
  );
}
