'use server';

// The signed-in user's own account: delete it (a fresh proof of identity first; refused while
// they are the last owner of an organization). Acts on the session's user only.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formStateFromError, type FormState } from '@/lib/auth/form-state.ts';
import { metaFromHeaders } from '@/lib/auth/principal.ts';
import { proofFromForm } from '@/lib/auth/require-recent-auth.ts';
import { getSessionClaims } from '@/lib/auth/session.ts';
import { clearSessionCookie } from '@/lib/auth/session-cookie.ts';
import { deleteOwnAccount } from '@/lib/privacy/delete-user-account.ts';

export async function submitDeleteAccount(_prev: FormState, formData: FormData): Promise<FormState> {
  const [claims, h] = await Promise.all([getSessionClaims(), headers()]);
  const meta = metaFromHeaders(h);
  if (!claims) return { message: 'Your session has ended. Sign in again.' };
  if (formData.get('confirm') !== 'DELETE') {
    return { fieldErrors: { confirm: 'Type DELETE to confirm.' } };
  }
  try {
    await deleteOwnAccount(claims.sub, proofFromForm(formData), new Date(), meta);
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  await clearSessionCookie();
  redirect('/sign-in');
}
