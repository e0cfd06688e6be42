'use server';

// Password reset: request a link (same answer for every address) and set a new password with it.
// Public by nature (no session, no tenant): the link's single-use token authorises the reset;
// per-IP and per-account limits and a honeypot guard the request.
import { headers } from 'next/headers';
import { formStateFromError, type FormState } from '@/lib/auth/form-state.ts';
import { requestPasswordReset, resetPassword } from '@/lib/auth/password-reset.ts';
import { requestMeta } from '@/lib/auth/request-meta.ts';

export async function submitResetRequest(_prev: FormState, formData: FormData): Promise<FormState> {
  const meta = requestMeta(await headers());
  try {
    await requestPasswordReset(
      { email: formData.get('email') ?? '', website: formData.get('website') ?? undefined },
      meta,
    );
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  return {
    ok: true,
    message:
      'If an account uses this address, we have sent it a link to reset the password. The link works for 60 minutes.',
  };
}

export async function submitNewPassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const meta = requestMeta(await headers());
  try {
    await resetPassword(
      { token: formData.get('token') ?? '', password: formData.get('password') ?? '' },
      meta,
    );
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  return {
    ok: true,
    message: 'Your password has been changed and every session signed out. Sign in with the new password.',
  };
}
