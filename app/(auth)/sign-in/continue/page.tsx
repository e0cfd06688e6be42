import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/form-state.ts';
import { getPendingMfaSession, getSessionUser } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

/** After the password (or Google): on to the MFA challenge, or to where the user was going. */
export default async function ContinueSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl) ?? '/';
  if (await getSessionUser()) redirect(callbackUrl);
  if (await getPendingMfaSession()) redirect(`/sign-in/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  redirect('/sign-in');
}
