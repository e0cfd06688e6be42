import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card.tsx';
import { getSessionUser } from '@/lib/auth/session.ts';
import { SignUpForm } from './sign-up-form.tsx';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  if (await getSessionUser()) redirect('/');
  return (
    <AuthCard
      title="Create your Packline account"
      description="You will be the owner of a new organization and can invite your team afterwards."
      footer={
        <>
          Already have an account?{' '}
          <Link href="/sign-in" className="font-medium text-accent-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
