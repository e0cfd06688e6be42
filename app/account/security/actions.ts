'use server';

// Account security: the signed-in user's own password, MFA and sessions. Every action
// authenticates itself (getSessionClaims verifies the session and its sessionVersion) and acts on
// that user only; no organization or tenant permission is involved.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changePassword, signOutEverywhere } from '@/lib/auth/change-password.ts';
import { formStateFromError, type FormState } from '@/lib/auth/form-state.ts';
import {
  confirmMfaEnrolment,
  disableMfa,
  regenerateRecoveryCodes,
  startMfaEnrolment,
} from '@/lib/auth/mfa/mfa.ts';
import { requestMeta } from '@/lib/auth/request-meta.ts';
import { ZMfaCode, ZTotpCode } from '@/lib/auth/schemas.ts';
import { getSessionClaims } from '@/lib/auth/session.ts';
import { clearSessionCookie, writeSessionCookie } from '@/lib/auth/session-cookie.ts';

const SIGNED_OUT: FormState = { message: 'Your session has ended. Sign in again.' };

async function context() {
  const [claims, h] = await Promise.all([getSessionClaims(), headers()]);
  return { claims, meta: requestMeta(h) };
}

export async function submitChangePassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const { claims, meta } = await context();
  if (!claims) return SIGNED_OUT;
  try {
    const { sessionVersion } = await changePassword(
      claims.sub,
      {
        currentPassword: formData.get('currentPassword') ?? '',
        newPassword: formData.get('newPassword') ?? '',
      },
      meta,
    );
    // Other sessions end; this one continues under the new version.
    await writeSessionCookie({
      sub: claims.sub,
      sv: sessionVersion,
      authTime: claims.authTime,
      mfa: claims.mfa,
    });
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  return { ok: true, message: 'Password changed. Your other sessions have been signed out.' };
}

export async function submitStartMfa(): Promise<void> {
  const { claims } = await context();
  if (!claims) redirect('/sign-in');
  await startMfaEnrolment(claims.sub);
  revalidatePath('/account/security');
}

export async function submitConfirmMfa(_prev: FormState, formData: FormData): Promise<FormState> {
  const { claims, meta } = await context();
  if (!claims) return SIGNED_OUT;
  const code = ZTotpCode.safeParse(formData.get('code') ?? '');
  if (!code.success) return { fieldErrors: { code: 'Enter the 6-digit code from your app.' } };
  try {
    const { recoveryCodes, sessionVersion } = await confirmMfaEnrolment(claims.sub, code.data, meta);
    await writeSessionCookie({
      sub: claims.sub,
      sv: sessionVersion,
      authTime: claims.authTime,
      mfa: 'verified',
    });
    return { ok: true, secrets: recoveryCodes };
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
}

const ZCodeForm = z.object({ code: ZMfaCode });

export async function submitDisableMfa(_prev: FormState, formData: FormData): Promise<FormState> {
  const { claims, meta } = await context();
  if (!claims) return SIGNED_OUT;
  const parsed = ZCodeForm.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return { fieldErrors: { code: 'Enter a code from your app or a recovery code.' } };
  try {
    await disableMfa(claims.sub, parsed.data.code, meta);
    await writeSessionCookie({ sub: claims.sub, sv: claims.sv, authTime: claims.authTime, mfa: 'none' });
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  revalidatePath('/account/security');
  return { ok: true, message: 'Two-factor authentication is off.' };
}

export async function submitRegenerateCodes(_prev: FormState, formData: FormData): Promise<FormState> {
  const { claims, meta } = await context();
  if (!claims) return SIGNED_OUT;
  const parsed = ZCodeForm.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return { fieldErrors: { code: 'Enter a code from your app or a recovery code.' } };
  try {
    return { ok: true, secrets: await regenerateRecoveryCodes(claims.sub, parsed.data.code, meta) };
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
}

export async function submitSignOutEverywhere(): Promise<void> {
  const { claims, meta } = await context();
  if (claims) await signOutEverywhere(claims.sub, meta);
  await clearSessionCookie();
  redirect('/sign-in');
}
