// TOTP multi-factor authentication (RFC 6238, 30 s, 6 digits, SHA-1 for authenticator-app
// compatibility) with ten single-use recovery codes.
// - The secret is stored encrypted (secret-box.ts) and never logged or audited.
// - A code is accepted within ±1 step, and never twice (totp_last_step).
// - Recovery codes have 50 random bits each and are stored as SHA-256 (salted with the user id):
//   like other random tokens, a slow hash would add nothing.
// - Codes count per user before they are checked (5 per 15 minutes; a right code clears the
//   count), then a lockout with a security event.
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { appDb } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { listUserOrganizations } from '../list-user-organizations.ts';
import { PII_ROLES } from '../permissions.ts';
import { countAttempt, lockIfLast, reset } from '../rate-limits.ts';
import { recordSecurityEventSafely } from '../security-events.ts';
import { bumpSessionVersion } from '../session-state.ts';
import type { RequestMeta } from '../sign-in-with-password.ts';
import { openSecret, sealSecret } from './secret-box.ts';

export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;
const ISSUER = 'Packline';
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

const hashRecoveryCode = (userId: string, code: string): string =>
  createHash('sha256')
    .update(`${userId}:${code.replace(/[\s-]/g, '').toLowerCase()}`)
    .digest('hex');

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export interface MfaEnrolment {
  /** otpauth:// URI for authenticator apps. */
  uri: string;
  /** The same, as a QR code (SVG data URL, allowed by the CSP's img-src data:). */
  qrDataUrl: string;
  /** For typing into an app by hand, grouped in fours. */
  secretForDisplay: string;
}

/** Starts (or restarts) enrolment: a new secret, stored encrypted, not active until confirmed. */
export async function startMfaEnrolment(userId: string): Promise<MfaEnrolment> {
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { email: true, mfaEnabledAt: true },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  if (user.mfaEnabledAt) throw new AppError('CONFLICT', 'Two-factor authentication is already on.');
  const secret = new Secret({ size: 20 }).base32;
  await appDb().user.update({
    where: { id: userId },
    data: { totpSecretEnc: sealSecret(secret, userId), totpLastStep: null },
  });
  return enrolmentView(secret, user.email);
}

/** The enrolment in progress (page reloads show the same secret). */
export async function currentMfaEnrolment(userId: string): Promise<MfaEnrolment | null> {
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { email: true, mfaEnabledAt: true, totpSecretEnc: true },
  });
  if (!user || user.mfaEnabledAt || !user.totpSecretEnc) return null;
  return enrolmentView(openSecret(user.totpSecretEnc, userId), user.email);
}

async function enrolmentView(secret: string, email: string): Promise<MfaEnrolment> {
  const uri = totpFor(secret, email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    uri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    secretForDisplay: secret.replace(/(.{4})/g, '$1 ').trim(),
  };
}

/** Checks a TOTP code against the stored secret; on success records the step (no replay). */
async function acceptTotp(
  userId: string,
  sealed: string,
  lastStep: number | null,
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const secret = openSecret(sealed, userId);
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    window: 1,
  });
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return false;
  const updated = await appDb().user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return updated.count === 1;
}

async function guarded<T>(userId: string, meta: RequestMeta, check: () => Promise<T | null>): Promise<T> {
  // Counted before the check, so a burst of concurrent codes cannot all pass the limit.
  const attempt = await countAttempt('mfaAccount', userId);
  if (!attempt.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many wrong codes. Try again in 15 minutes.');
  }
  const result = await check();
  if (result !== null) {
    await reset('mfaAccount', userId);
    return result;
  }
  await recordSecurityEventSafely({
    action: 'auth.mfa_challenge_failed',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
  });
  const lockedFor = await lockIfLast('mfaAccount', userId, attempt);
  if (lockedFor > 0) {
    await recordSecurityEventSafely({
      action: 'auth.mfa_lockout',
      userId,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { seconds: lockedFor },
    });
    throw new AppError('RATE_LIMITED', 'Too many wrong codes. Try again in 15 minutes.');
  }
  throw new AppError('UNPROCESSABLE', 'That code is not valid. Try the current code from your app.', {
    field: 'code',
  });
}

async function storeRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await appDb().$transaction([
    appDb().mfaRecoveryCode.deleteMany({ where: { userId } }),
    appDb().mfaRecoveryCode.createMany({
      data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, c) })),
    }),
  ]);
  return codes;
}

/**
 * Confirms enrolment with a code from the app: MFA is on, other sessions end (they did not pass
 * MFA), and the recovery codes are returned — the only time they are shown.
 */
export async function confirmMfaEnrolment(
  userId: string,
  code: string,
  meta: RequestMeta = {},
): Promise<{ recoveryCodes: string[]; sessionVersion: number }> {
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { mfaEnabledAt: true, totpSecretEnc: true, totpLastStep: true },
  });
  if (!user?.totpSecretEnc || user.mfaEnabledAt) throw new AppError('CONFLICT', 'Start the set-up again.');
  const sealed = user.totpSecretEnc;
  await guarded(userId, meta, async () =>
    (await acceptTotp(userId, sealed, user.totpLastStep, code)) ? true : null,
  );
  await appDb().user.update({ where: { id: userId }, data: { mfaEnabledAt: new Date() } });
  const recoveryCodes = await storeRecoveryCodes(userId);
  const sessionVersion = await bumpSessionVersion(userId);
  await recordSecurityEventSafely({
    action: 'auth.mfa_enabled',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
    metadata: { method: 'totp' },
  });
  return { recoveryCodes, sessionVersion };
}

/** Verifies a TOTP code or an unused recovery code (then spent). */
export async function verifyMfaCode(
  userId: string,
  code: string,
  meta: RequestMeta = {},
): Promise<{ method: 'totp' | 'recovery_code' }> {
  const user = await appDb().user.findUnique({
    where: { id: userId },
    select: { mfaEnabledAt: true, totpSecretEnc: true, totpLastStep: true },
  });
  if (!user?.mfaEnabledAt || !user.totpSecretEnc)
    throw new AppError('CONFLICT', 'Two-factor authentication is not on.');
  const sealed = user.totpSecretEnc;
  const normalised = code.replace(/[\s-]/g, '').toLowerCase();
  const result = await guarded(userId, meta, async () => {
    if (/^\d{6}$/.test(normalised)) {
      return (await acceptTotp(userId, sealed, user.totpLastStep, normalised)) ? ('totp' as const) : null;
    }
    const spent = await appDb().mfaRecoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(userId, normalised), usedAt: null },
      data: { usedAt: new Date() },
    });
    return spent.count === 1 ? ('recovery_code' as const) : null;
  });
  if (result === 'recovery_code') {
    const left = await appDb().mfaRecoveryCode.count({ where: { userId, usedAt: null } });
    await recordSecurityEventSafely({
      action: 'auth.mfa_recovery_code_used',
      userId,
      ip: meta.ip,
      requestId: meta.requestId,
      metadata: { remaining: left },
    });
  }
  return { method: result };
}

/** Turns MFA off after a valid code; recovery codes go with it. */
export async function disableMfa(userId: string, code: string, meta: RequestMeta = {}): Promise<void> {
  await verifyMfaCode(userId, code, meta);
  await appDb().$transaction([
    appDb().mfaRecoveryCode.deleteMany({ where: { userId } }),
    appDb().user.update({
      where: { id: userId },
      data: { mfaEnabledAt: null, totpSecretEnc: null, totpLastStep: null },
    }),
  ]);
  await recordSecurityEventSafely({
    action: 'auth.mfa_disabled',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
  });
}

/** New recovery codes (the old ones stop working) after a valid code. */
export async function regenerateRecoveryCodes(
  userId: string,
  code: string,
  meta: RequestMeta = {},
): Promise<string[]> {
  await verifyMfaCode(userId, code, meta);
  const codes = await storeRecoveryCodes(userId);
  await recordSecurityEventSafely({
    action: 'auth.mfa_recovery_codes_regenerated',
    userId,
    ip: meta.ip,
    requestId: meta.requestId,
  });
  return codes;
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  return appDb().mfaRecoveryCode.count({ where: { userId, usedAt: null } });
}

/** Whether an organization of the user requires MFA of their role (require_mfa_for_pii). */
export async function mfaRequiredByAnOrganization(userId: string): Promise<boolean> {
  const organizations = await listUserOrganizations(userId);
  return organizations.some((o) => o.requireMfaForPii && PII_ROLES.includes(o.role));
}
