'use server';

// Account security: the signed-in user's own password, MFA and sessions. Every action
// authenticates itself (getSessionClaims verifies the session and its sessionVersion) and acts on
// that user only; no organization or tenant permission is involved. Enrolling the MFA an
// organization requires needs a recent authentication (lib/auth/recent-auth.ts); the
// re-authentication step that provides it is here too, for every page that asks for it.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changePassword, signOutEverywhere } from '@/lib/auth/change-password.ts';
import { formStateFromError, type FormState } from '@/lib/auth/form-state.ts';
import {
  confirmMfaEnrolment,
  disableMfa,
  mfaRequiredByAnOrganization,
  regenerateRecoveryCodes,
  startMfaEnrolment,
} from '@/lib/auth/mfa/mfa.ts';
import { reauthenticate, requireRecentAuthentication } from '@/lib/auth/recent-auth.ts';
import { requestMeta } from '@/lib/auth/request-meta.ts';
import { ZMfaCode, ZTotpCode } from '@/lib/auth/schemas.ts';
import { getSessionClaims } from '@/lib/auth/session.ts';
import { clearSessionCookie, nowSeconds, writeSessionCookie } from '@/lib/auth/session-cookie.ts';

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
    await writeSessionCookie({ ...claims, sv: sessionVersion, pwdAt: nowSeconds() });
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  return { ok: true, message: 'Password changed. Your other sessions have been signed out.' };
}

/** A stolen password alone must not enrol its own authenticator where MFA is required. */
async function assertMayEnrol(userId: string): Promise<void> {
  if (await mfaRequiredByAnOrganization(userId)) await requireRecentAuthentication();
}

export async function submitStartMfa(): Promise<void> {
  const { claims } = await context();
  if (!claims) redirect('/sign-in');
  await assertMayEnrol(claims.sub);
  await startMfaEnrolment(claims.sub);
  revalidatePath('/account/security');
}

export async function submitConfirmMfa(_prev: FormState, formData: FormData): Promise<FormState> {
  const { claims, meta } = await context();
  if (!claims) return SIGNED_OUT;
  const code = ZTotpCode.safeParse(formData.get('code') ?? '');
  if (!code.success) return { fieldErrors: { code: 'Enter the 6-digit code from your app.' } };
  try {
    await assertMayEnrol(claims.sub);
    const { recoveryCodes, sessionVersion } = await confirmMfaEnrolment(claims.sub, code.data, meta);
    await writeSessionCookie({ ...claims, sv: sessionVersion, mfa: 'verified', mfaAt: nowSeconds() });
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
    await writeSessionCookie({ ...claims, mfa: 'none', mfaAt: nowSeconds() });
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

/** The re-authentication step (password, or an MFA code when MFA is on): a fresh proof in this session. */
export async function submitReauthenticate(_prev: FormState, formData: FormData): Promise<FormState> {
  const { claims, meta } = await context();
  if (!claims) return SIGNED_OUT;
  try {
    const proof = await reauthenticate(claims.sub, { secret: formData.get('secret') ?? '' }, meta);
    await writeSessionCookie({ ...claims, ...proof });
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  return { ok: true, message: 'Thanks — you can make the change now.' };
}
