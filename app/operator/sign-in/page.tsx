import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Brand } from '@/components/shell/brand.tsx';
import { getOperatorSession } from '@/lib/auth/operator-session.ts';
import { OperatorSignInForm } from './operator-sign-in-form.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Operator sign-in' };

export default async function OperatorSignInPage() {
  if (await getOperatorSession()) redirect('/operator');
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <Brand />
        <OperatorSignInForm />
      </div>
    </main>
  );
}
