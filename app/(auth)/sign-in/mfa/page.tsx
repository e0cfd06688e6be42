import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card.tsx';
import { safeCallbackPath } from '@/lib/auth/form-state.ts';
import { getPendingMfaSession } from '@/lib/auth/session.ts';
import { MfaChallengeForm } from './mfa-challenge-form.tsx';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default async function MfaChallengePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await getPendingMfaSession())) redirect('/sign-in');
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl) ?? '/';
  return (
    <AuthCard
      title="Two-factor authentication"
      description="Enter the 6-digit code from your authenticator app, or one of your recovery codes."
      footer={
        <Link href="/sign-in" className="text-accent-700 hover:underline">
          Use another account
        </Link>
      }
    >
      <MfaChallengeForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
