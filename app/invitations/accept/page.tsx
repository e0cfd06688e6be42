import type { Metadata } from 'next';
import { Brand } from '@/components/shell/brand.tsx';
import { isEmailVerified } from '@/lib/auth/email-verification.ts';
import { getSessionUser } from '@/lib/auth/session.ts';
import { AcceptInvitation } from './accept-invitation.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accept invitation' };

// The invitation token lives in the URL fragment (never sent to the server); the client component
// reads it and asks the server actions. Signed-out visitors are sent to sign in or sign up first,
// and the token waits in this tab's sessionStorage until they come back. An account must have
// confirmed its email address before it can accept (lib/members/accept-invitation.ts).
export default async function AcceptInvitationPage() {
  const user = await getSessionUser();
  const emailVerified = user ? await isEmailVerified(user.userId) : false;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <Brand />
        <AcceptInvitation signedInAs={user?.email ?? null} emailVerified={emailVerified} />
      </div>
    </main>
  );
}
