// Email + password sign-in (the next-auth Credentials provider calls this).
// Order matters for brute-force defence: every attempt is counted BEFORE bcrypt (per address, then
// per account), so a locked account or address costs no hashing and a burst of concurrent guesses
// cannot all slip past the limit (only the first 5 per account reach bcrypt); an unknown email is verified against a dummy hash, so it
// takes as long as a wrong password; every failure returns the same result whether or not the
// account exists, and locking counts per email (hashed), existing or not.
import { appDb } from '../db/client.ts';
import { verifyAgainstDummy, verifyPassword } from './password-hash.ts';
import { checkPasswordPolicy, isPasswordExpired } from './password-policy.ts';
import { accountKey, countAttempt, lockIfLast, refund, reset } from './rate-limits.ts';
import { recordSecurityEventSafely } from './security-events.ts';
import { listUserOrganizations } from './list-user-organizations.ts';
import { ZSignInInput } from './schemas.ts';

export interface RequestMeta {
  ip?: string | null;
  requestId?: string | null;
}

export type SignInResult =
  | { ok: true; userId: string; sessionVersion: number; mfaEnabled: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'password_expired'; retryAfter?: number };

export async function signInWithPassword(input: unknown, meta: RequestMeta = {}): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const acct = accountKey(email);
  const ip = meta.ip ?? 'unknown';

  // The address first: a refused address must not use up its victims' account attempts.
  const byIp = await countAttempt('signInIp', ip);
  if (!byIp.allowed) return { ok: false, reason: 'locked', retryAfter: byIp.retryAfter };
  const account = await countAttempt('signInAccount', acct);
  if (!account.allowed) return { ok: false, reason: 'locked', retryAfter: account.retryAfter };

  const user = await appDb().user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      sessionVersion: true,
      disabledAt: true,
      mfaEnabledAt: true,
      passwordChangedAt: true,
    },
  });
  const passwordOk = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password);

  if (!user || !passwordOk || user.disabledAt) {
    await recordSecurityEventSafely({
      action: 'auth.sign_in_failed',
      // A known user's id only; nothing identifying an unknown email is stored.
      userId: user?.id ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'wrong_credentials' },
    });
    await lockIfLast('signInIp', ip, byIp);
    const lockedFor = await lockIfLast('signInAccount', acct, account);
    if (lockedFor > 0) {
      await recordSecurityEventSafely({
        action: 'auth.lockout',
        userId: user?.id ?? null,
        ip: meta.ip,
        requestId: meta.requestId,
        metadata: { scope: 'account', seconds: lockedFor },
      });
      return { ok: false, reason: 'locked', retryAfter: lockedFor };
    }
    return { ok: false, reason: 'invalid' };
  }

  // Only failures count in the end: the account starts afresh, the address gets its point back.
  await Promise.all([reset('signInAccount', acct), refund('signInIp', ip)]);
  const organizations = await listUserOrganizations(user.id);
  const dpp = organizations.some((o) => o.amazonDppPasswordRules);
  // Under the Amazon DPP rules a password older than 365 days, or one set before the rules were
  // switched on that lacks the character classes (checkable only now, with the plaintext in hand),
  // must be replaced before use: the user resets it by email.
  const expired =
    dpp &&
    (isPasswordExpired(user.passwordChangedAt, dpp) ||
      checkPasswordPolicy(password, { dppRules: true }).includes('needs_character_classes'));
  if (expired) {
    await recordSecurityEventSafely({
      action: 'auth.sign_in_failed',
      userId: user.id,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { reason: 'password_expired' },
    });
    return { ok: false, reason: 'password_expired' };
  }
  await recordSecurityEventSafely({
    action: 'auth.sign_in_succeeded',
    userId: user.id,
    ip: meta.ip,
    requestId: meta.requestId,
    metadata: { method: 'password', mfaPending: user.mfaEnabledAt !== null },
  });
  return {
    ok: true,
    userId: user.id,
    sessionVersion: user.sessionVersion,
    mfaEnabled: user.mfaEnabledAt !== null,
  };
}
