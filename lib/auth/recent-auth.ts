// Recent authentication ("sudo mode") before a sensitive change — organization security settings,
// enrolling the MFA an organization requires, and any other feature that must not run from a
// stolen or left-open session (docs/decisions/0017-recent-authentication.md).
// A session is recently authenticated for RECENT_AUTH_SECONDS after it passed an MFA code, or —
// only for a user without MFA, who has no second factor to show — after the password was typed
// (at sign-in, or again through `reauthenticate`). The times are claims of the session token
// (`mfaAt`, `pwdAt`, lib/auth/session-token.ts), so one device's proof never vouches for another.
import { AppError } from '../errors/app-error.ts';
import { confirmPassword } from './change-password.ts';
import { verifyMfaCode } from './mfa/mfa.ts';
import { ZReauthenticateInput } from './schemas.ts';
import { recordSecurityEventSafely } from './security-events.ts';
import { getSessionClaims } from './session.ts';
import { loadSessionState } from './session-state.ts';
import type { TSessionClaims } from './session-token.ts';
import type { RequestMeta } from './sign-in-with-password.ts';

export const RECENT_AUTH_SECONDS = 10 * 60;
/** `details.reason` of the AppError requireRecentAuthentication throws (forms show the re-auth step). */
export const REAUTHENTICATION_REQUIRED = 'reauthentication_required';

export type ReauthMethod = 'password' | 'mfa';
type Proofs = Pick<TSessionClaims, 'pwdAt' | 'mfaAt'>;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Whether a session's proofs are recent enough: an MFA code, or the password for a user without MFA. */
export function hasRecentAuthentication(proofs: Proofs, mfaEnabled: boolean, now = nowSeconds()): boolean {
  const recent = (at: number | undefined) =>
    at !== undefined && at <= now + 60 && now - at <= RECENT_AUTH_SECONDS;
  return recent(proofs.mfaAt) || (!mfaEnabled && recent(proofs.pwdAt));
}

/** The signed-in session's standing, for pages that offer the re-authentication step; null when signed out. */
export async function recentAuthentication(): Promise<{ recent: boolean; method: ReauthMethod } | null> {
  const claims = await getSessionClaims();
  const state = claims ? await loadSessionState(claims.sub) : null;
  if (!claims || !state) return null;
  return {
    recent: hasRecentAuthentication(claims, state.mfaEnabled),
    method: state.mfaEnabled ? 'mfa' : 'password',
  };
}

/**
 * For server actions of sensitive changes: passes when the signed-in session authenticated
 * recently; otherwise FORBIDDEN with `details.reason` REAUTHENTICATION_REQUIRED (and UNAUTHENTICATED
 * when signed out).
 */
export async function requireRecentAuthentication(): Promise<void> {
  const standing = await recentAuthentication();
  if (!standing) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  if (!standing.recent) {
    throw new AppError(
      'FORBIDDEN',
      standing.method === 'mfa'
        ? 'Confirm it is you with a code from your authenticator app first.'
        : 'Confirm it is you with your password first.',
      { reason: REAUTHENTICATION_REQUIRED },
    );
  }
}

/**
 * The re-authentication step: an MFA code (TOTP or recovery code) when the user has MFA, else the
 * password, each rate-limited and counted before its check. Returns the proof's claim to add to
 * the session token; the caller re-issues the cookie.
 */
export async function reauthenticate(
  userId: string,
  input: unknown,
  meta: RequestMeta = {},
): Promise<Partial<Proofs>> {
  const parsed = ZReauthenticateInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Check the form.', {
      field: 'secret',
    });
  }
  const state = await loadSessionState(userId);
  if (!state || state.disabled) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  let proof: Partial<Proofs>;
  if (state.mfaEnabled) {
    try {
      await verifyMfaCode(userId, parsed.data.secret, meta);
    } catch (error) {
      if (error instanceof AppError && error.details?.field === 'code') {
        throw new AppError(error.code, error.message, { field: 'secret' });
      }
      throw error;
    }
    proof = { mfaAt: nowSeconds() };
  } else {
    await confirmPassword(userId, parsed.data.secret, meta, 'secret');
    proof = { pwdAt: nowSeconds() };
  }
  await recordSecurityEventSafely({
    action: 'auth.reauthenticated',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
    metadata: { method: state.mfaEnabled ? 'mfa' : 'password' },
  });
  return proof;
}
