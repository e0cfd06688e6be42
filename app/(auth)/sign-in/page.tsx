import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card.tsx';
import { googleConfigured } from '@/lib/auth/auth-options.ts';
import { safeCallbackPath } from '@/lib/auth/form-state.ts';
import { getSessionUser } from '@/lib/auth/session.ts';
import { SignInForm } from './sign-in-form.tsx';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl) ?? '/';
  if (await getSessionUser()) redirect(callbackUrl);
  const error = typeof params.error === 'string' ? params.error.slice(0, 40) : undefined;
  return (
    <AuthCard
      title="Sign in to Packline"
      footer={
        <>
          New to Packline?{' '}
          <Link href="/sign-up" className="font-medium text-accent-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} google={googleConfigured()} initialError={error} />
    </AuthCard>
  );
}
