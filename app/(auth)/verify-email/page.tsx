import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card.tsx';
import { isEmailVerified } from '@/lib/auth/email-verification.ts';
import { getSessionUser } from '@/lib/auth/session.ts';
import { VerifyEmailForms } from './verify-email-forms.tsx';

export const metadata: Metadata = { title: 'Confirm your email address' };

export default async function VerifyEmailPage() {
  const user = await getSessionUser();
  const status = !user ? 'signed_out' : (await isEmailVerified(user.userId)) ? 'verified' : 'unverified';
  return (
    <AuthCard
      title="Confirm your email address"
      footer={
        <Link href={user ? '/' : '/sign-in'} className="text-accent-700 hover:underline">
          {user ? 'Back to Packline' : 'Sign in'}
        </Link>
      }
    >
      <VerifyEmailForms status={status} />
    </AuthCard>
  );
}
