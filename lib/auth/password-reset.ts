// Password reset by single-use, expiring link (60 minutes). The request answers the same whether
// or not the email has an account (no enumeration) and is limited per IP and per account; the
// token is 256 random bits, stored only as its SHA-256, and travels in the link's fragment
// (`/reset-password#token=…`), which browsers never send to servers, so it stays out of access
// logs and Referer headers. Completing a reset raises the sessionVersion: every session ends.
import { getEnv } from '../env.ts';
import { appDb } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { sendEmail } from '../email/send-email.ts';
import { hashOpaqueToken, newOpaqueToken } from '../security/opaque-token.ts';
import type { HashOptions } from './password-hash.ts';
import { verifyAgainstDummy } from './password-hash.ts';
import { accountKey, consume, reset } from './rate-limits.ts';
import { recordSecurityEventSafely } from './security-events.ts';
import { assertNotRecentlyUsed, assertPasswordAcceptable, storePassword } from './set-password.ts';
import { bumpSessionVersion } from './session-state.ts';
import { listUserOrganizations } from './list-user-organizations.ts';
import { ZResetPasswordInput, ZResetRequestInput } from './schemas.ts';
import type { RequestMeta } from './sign-in-with-password.ts';

export const RESET_TOKEN_MINUTES = 60;

/** Always resolves the same way for a well-formed request; sends an email only to a real account. */
export async function requestPasswordReset(input: unknown, meta: RequestMeta = {}): Promise<void> {
  const parsed = ZResetRequestInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Enter a valid email address.', { field: 'email' });
  const { email, website } = parsed.data;
  const byIp = await consume('resetIp', meta.ip ?? 'unknown');
  if (byIp.limited || website) {
    throw new AppError('RATE_LIMITED', 'Too many reset requests from your network. Try again later.');
  }
  // Per account: quietly stop sending (the answer stays the same), so nobody can flood an inbox.
  const byAccount = await consume('resetAccount', accountKey(email));
  const user = await appDb().user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt || byAccount.limited) {
    await recordSecurityEventSafely({
      action: 'auth.password_reset_requested',
      userId: user?.id ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: {
        sent: false,
        reason: !user ? 'unknown_account' : byAccount.limited ? 'rate_limited' : 'disabled',
      },
    });
    return;
  }
  const token = newOpaqueToken('pwr');
  await appDb().passwordResetToken.create({
    data: {
      userId: user.id,
      tokenHash: hashOpaqueToken(token),
      expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
    },
  });
  const link = `${getEnv().APP_URL}/reset-password#token=${token}`;
  await sendEmail({
    to: email,
    kind: 'password.reset',
    subject: 'Reset your Packline password',
    text:
      `Someone asked to reset the password of your Packline account.\n\n` +
      `To choose a new password, open this link within ${RESET_TOKEN_MINUTES} minutes:\n${link}\n\n` +
      `The link works once. If you did not ask for this, ignore this email: your password stays as it is.`,
  });
  await recordSecurityEventSafely({
    action: 'auth.password_reset_requested',
    userId: user.id,
    ip: meta.ip,
    requestId: meta.requestId,
    metadata: { sent: true },
  });
}

const INVALID_LINK = 'This reset link is not valid or has expired. Ask for a new one.';

/** Sets a new password from a reset link; the link is used up and every session ends. */
export async function resetPassword(
  input: unknown,
  meta: RequestMeta = {},
  options: HashOptions = {},
): Promise<void> {
  const parsed = ZResetPasswordInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', issue?.message ?? INVALID_LINK, {
      field: String(issue?.path[0] ?? ''),
    });
  }
  const { token, password } = parsed.data;
  const row = await appDb().passwordResetToken.findUnique({
    where: { tokenHash: hashOpaqueToken(token) },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.user.disabledAt) {
    await verifyAgainstDummy(password);
    throw new AppError('GONE', INVALID_LINK, { field: 'token' });
  }
  const dppRules = (await listUserOrganizations(row.userId)).some((o) => o.amazonDppPasswordRules);
  assertPasswordAcceptable(password, { email: row.user.email, name: row.user.name, dppRules });
  await assertNotRecentlyUsed(appDb(), row.userId, password);
  await appDb().$transaction(async (tx) => {
    // Single use even under a double submit: only one transaction can flip used_at.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError('GONE', INVALID_LINK, { field: 'token' });
    await storePassword(tx, row.userId, password, options);
    // The link reached the mailbox: the address is proven (and whoever registered it before the
    // owner has just lost the password).
    await tx.user.updateMany({
      where: { id: row.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    // Any other outstanding links die with this one.
    await tx.passwordResetToken.updateMany({
      where: { userId: row.userId, usedAt: null },
      data: { usedAt: new Date() },
    });
    await bumpSessionVersion(row.userId, tx);
  });
  // The mailbox owner has proven themselves: a sign-in lockout on the account ends here.
  await reset('signInAccount', accountKey(row.user.email));
  await recordSecurityEventSafely({
    action: 'auth.password_reset',
    userId: row.userId,
    ip: meta.ip,
    requestId: meta.requestId,
  });
}
