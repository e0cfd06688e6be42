// Re-entering the current password on a signed-in form (changing it, confirming a destructive
// action): counted against the same per-account limit as sign-ins, with the same lockout and
// security event, so a stolen session cannot be used to guess the password.
import { AppError } from '../errors/app-error.ts';
import { verifyPassword } from './password-hash.ts';
import type { RequestMeta } from './sign-in-with-password.ts';
import { accountKey, consume, retryAfterSeconds } from './rate-limits.ts';
import { recordSecurityEventSafely } from './security-events.ts';

/** Throws RATE_LIMITED, or UNPROCESSABLE naming `field`, unless `password` is the user's. */
export async function verifyCurrentPassword(
  user: { id: string; email: string; passwordHash: string | null },
  password: string,
  options: { via: string; field: string; message: string },
  meta: RequestMeta = {},
): Promise<void> {
  const key = accountKey(user.email);
  if ((await retryAfterSeconds('signInAccount', key)) > 0) {
    throw new AppError('RATE_LIMITED', 'Too many attempts. Try again in 15 minutes.');
  }
  if (user.passwordHash && (await verifyPassword(password, user.passwordHash))) return;
  const failed = await consume('signInAccount', key);
  if (failed.lockedNow) {
    await recordSecurityEventSafely({
      action: 'auth.lockout',
      userId: user.id,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { scope: 'account', via: options.via },
    });
  }
  throw new AppError('UNPROCESSABLE', options.message, { field: options.field });
}
