// Changing the password from the account security page: the current password is required (and
// rate-limited like a sign-in), the new one must pass the policy and not repeat the last 10.
// Every other session ends (sessionVersion + 1); the caller re-issues the current one.
import { appDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import type { HashOptions } from './password-hash.ts';
import { verifyPassword } from './password-hash.ts';
import { accountKey, countAttempt, lockIfLast, reset } from './rate-limits.ts';
import { recordSecurityEventSafely } from './security-events.ts';
import { assertNotRecentlyUsed, assertPasswordAcceptable, storePassword } from './set-password.ts';
import { bumpSessionVersion } from './session-state.ts';
import { listUserOrganizations } from './list-user-organizations.ts';
import { ZChangePasswordInput } from './schemas.ts';
import type { RequestMeta } from './sign-in-with-password.ts';

/**
 * Checks the signed-in user's password, typed again (change password, re-authentication). Counted
 * before bcrypt like a sign-in (lib/auth/sign-in-with-password.ts), on the same per-account limit:
 * concurrent guesses cannot all pass it. A wrong password is a field error under `field`.
 */
export async function confirmPassword(
  userId: string,
  password: string,
  meta: RequestMeta = {},
  field = 'currentPassword',
): Promise<{ email: string; name: string }> {
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, passwordHash: true },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  const key = accountKey(user.email);
  const attempt = await countAttempt('signInAccount', key);
  if (!attempt.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many attempts. Try again in 15 minutes.');
  }
  if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    if ((await lockIfLast('signInAccount', key, attempt)) > 0) {
      await recordSecurityEventSafely({
        action: 'auth.lockout',
        userId,
        ip: meta.ip,
        requestId: meta.requestId,
        metadata: {
          scope: 'account',
          via: field === 'currentPassword' ? 'change_password' : 'reauthenticate',
        },
      });
    }
    throw new AppError('UNPROCESSABLE', 'Your current password is not correct.', { field });
  }
  await reset('signInAccount', key);
  return { email: user.email, name: user.name };
}

export async function changePassword(
  userId: string,
  input: unknown,
  meta: RequestMeta = {},
  options: HashOptions = {},
): Promise<{ sessionVersion: number }> {
  const parsed = ZChangePasswordInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', issue?.message ?? 'Check the form.', {
      field: String(issue?.path[0] ?? ''),
    });
  }
  const { currentPassword, newPassword } = parsed.data;
  const user = await confirmPassword(userId, currentPassword, meta);
  const dppRules = (await listUserOrganizations(userId)).some((o) => o.amazonDppPasswordRules);
  try {
    assertPasswordAcceptable(newPassword, { email: user.email, name: user.name, dppRules });
    await assertNotRecentlyUsed(appDb(), userId, newPassword);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, { ...error.details, field: 'newPassword' });
    throw error;
  }
  const sessionVersion = await appDb().$transaction(async (tx) => {
    await storePassword(tx, userId, newPassword, options);
    return bumpSessionVersion(userId, tx);
  });
  await recordSecurityEventSafely({
    action: 'auth.password_changed',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
  });
  return { sessionVersion };
}

/** "Sign out everywhere": every session of the user ends at its next request, this one included. */
export async function signOutEverywhere(userId: string, meta: RequestMeta = {}): Promise<void> {
  await bumpSessionVersion(userId);
  await recordSecurityEventSafely({
    action: 'auth.signed_out_everywhere',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
  });
}
