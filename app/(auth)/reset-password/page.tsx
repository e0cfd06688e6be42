import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card.tsx';
import { ResetPasswordForms } from './reset-password-forms.tsx';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ResetPasswordPage() {
  return (
    <AuthCard
      title="Reset your password"
      footer={
        <Link href="/sign-in" className="text-accent-700 hover:underline">
          Back to sign in
        </Link>
      }
    >
      <ResetPasswordForms />
    </AuthCard>
  );
}
