'use server';

// Email verification (lib/auth/email-verification.ts). Confirming is public by nature — the
// link's signed token authorises it, on any device — so it is on the allow-list of
// tests/unit/permission-coverage.test.ts; sending a new link needs the signed-in user.
import { headers } from 'next/headers';
import { sendEmailVerification, verifyEmail } from '@/lib/auth/email-verification.ts';
import { formStateFromError, type FormState } from '@/lib/auth/form-state.ts';
import { requestMeta } from '@/lib/auth/request-meta.ts';
import { getSessionUser } from '@/lib/auth/session.ts';

export async function submitVerifyEmail(_prev: FormState, formData: FormData): Promise<FormState> {
  const meta = requestMeta(await headers());
  try {
    await verifyEmail({ token: formData.get('token') ?? '' }, meta);
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  return { ok: true, message: 'Your email address is confirmed.' };
}

export async function submitResendVerification(): Promise<FormState> {
  const meta = requestMeta(await headers());
  const user = await getSessionUser();
  if (!user) return { message: 'Sign in to send a new link.' };
  try {
    const { sent } = await sendEmailVerification(user.userId);
    return {
      ok: true,
      message: sent
        ? 'We have sent a new link to your address. It works for 24 hours.'
        : 'Your email address is already confirmed.',
    };
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
}
