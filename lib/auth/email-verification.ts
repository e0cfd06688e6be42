// Email-address verification (docs/decisions/0016-authentication-hardening.md). An account proves
// it owns its address before it can accept an invitation or be reached through Google sign-in, so
// nobody can register someone else's address first and wait for the real owner to link to it.
// - The link is a signed token (lib/auth/tokens.ts, its own audience) valid for 24 hours, bound to
//   the user and to a hash of the address it was sent to: a changed address voids older links.
//   It travels in the link's fragment (`/verify-email#token=…`), which never reaches a server log.
// - Verifying is idempotent; completing a password reset verifies too (lib/auth/password-reset.ts).
// - Sends are limited per user; the address is never logged (only the message kind).
import { createHash } from 'node:crypto';
import { appDb } from '../db/client.ts';
import { sendEmail } from '../email/send-email.ts';
import { getEnv } from '../env.ts';
import { AppError } from '../errors/app-error.ts';
import { countAttempt } from './rate-limits.ts';
import { ZVerifyEmailInput } from './schemas.ts';
import { recordSecurityEventSafely } from './security-events.ts';
import type { RequestMeta } from './sign-in-with-password.ts';
import { AUDIENCES, InvalidTokenError, signToken, verifyToken } from './tokens.ts';

export const EMAIL_VERIFICATION_HOURS = 24;
const INVALID_LINK = 'This link is not valid or has expired. Ask for a new one.';

const addressHash = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);

/** Emails a verification link to the user's address; nothing to do when it is already verified. */
export async function sendEmailVerification(userId: string): Promise<{ sent: boolean }> {
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { email: true, emailVerifiedAt: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  if (user.emailVerifiedAt) return { sent: false };
  const attempt = await countAttempt('verifyEmailAccount', userId);
  if (!attempt.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many confirmation emails. Try again in an hour.', {
      retryAfter: attempt.retryAfter,
    });
  }
  const token = await signToken(
    { ah: addressHash(user.email) },
    {
      audience: AUDIENCES.emailVerification,
      subject: userId,
      expiresInSeconds: EMAIL_VERIFICATION_HOURS * 60 * 60,
    },
  );
  const link = `${getEnv().APP_URL}/verify-email#token=${token}`;
  await sendEmail({
    to: user.email,
    kind: 'account.email_verification',
    subject: 'Confirm your email address for Packline',
    text:
      `Confirm that this address belongs to your Packline account by opening this link within ` +
      `${EMAIL_VERIFICATION_HOURS} hours:\n${link}\n\n` +
      `Until you do, you cannot join other organizations or sign in with Google. ` +
      `If you did not create a Packline account, ignore this email.`,
  });
  return { sent: true };
}

/** Marks the address verified from a link's token. Any bad, expired or stale link is a 410. */
export async function verifyEmail(input: unknown, meta: RequestMeta = {}): Promise<void> {
  const parsed = ZVerifyEmailInput.safeParse(input);
  if (!parsed.success) throw new AppError('GONE', INVALID_LINK, { field: 'token' });
  let claims;
  try {
    claims = await verifyToken(parsed.data.token, AUDIENCES.emailVerification);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new AppError('GONE', INVALID_LINK, { field: 'token' });
    throw error;
  }
  const user = await appDb().user.findUnique({
    where: { id: claims.sub },
    select: { email: true, disabledAt: true },
  });
  if (!user || user.disabledAt || claims.ah !== addressHash(user.email)) {
    throw new AppError('GONE', INVALID_LINK, { field: 'token' });
  }
  const marked = await appDb().user.updateMany({
    where: { id: claims.sub, email: user.email, emailVerifiedAt: null },
    data: { emailVerifiedAt: new Date() },
  });
  if (marked.count === 1) {
    await recordSecurityEventSafely({
      action: 'auth.email_verified',
      userId: claims.sub,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { via: 'link' },
    });
  }
}

/** Whether the user proved their address (invitations and Google linking require it). */
export async function isEmailVerified(userId: string): Promise<boolean> {
  const user = await appDb().user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt);
}
