'use server';

// The MFA challenge after the password: a TOTP or recovery code turns the pending session into a
// verified one. Authorisation: the pending session cookie itself (getPendingMfaSession); no tenant.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { verifyMfaCode } from '@/lib/auth/mfa/mfa.ts';
import { formStateFromError, safeCallbackPath, type FormState } from '@/lib/auth/form-state.ts';
import { requestMeta } from '@/lib/auth/request-meta.ts';
import { ZMfaCode } from '@/lib/auth/schemas.ts';
import { getPendingMfaSession } from '@/lib/auth/session.ts';
import { nowSeconds, writeSessionCookie } from '@/lib/auth/session-cookie.ts';
import { recordSecurityEventSafely } from '@/lib/auth/security-events.ts';

const ZInput = z.object({ code: ZMfaCode, callbackUrl: z.string().max(500).optional() });

export async function submitMfaChallenge(_prev: FormState, formData: FormData): Promise<FormState> {
  const meta = requestMeta(await headers());
  const pending = await getPendingMfaSession();
  if (!pending) return { message: 'Your sign-in expired. Sign in again.' };
  const parsed = ZInput.safeParse({
    code: formData.get('code'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success)
    return { fieldErrors: { code: 'Enter the 6-digit code from your app, or a recovery code.' } };
  try {
    const { method } = await verifyMfaCode(pending.userId, parsed.data.code, meta);
    const { sub, sv, authTime, pwdAt } = pending.session;
    await writeSessionCookie({ sub, sv, authTime, mfa: 'verified', pwdAt, mfaAt: nowSeconds() });
    await recordSecurityEventSafely({
      action: 'auth.sign_in_succeeded',
      userId: pending.userId,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { method: 'mfa', factor: method },
    });
  } catch (error) {
    return formStateFromError(error, meta.requestId);
  }
  redirect(safeCallbackPath(parsed.data.callbackUrl) ?? '/');
}
