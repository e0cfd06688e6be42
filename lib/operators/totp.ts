// TOTP for operators (RFC 6238 via otpauth): SHA-1, 6 digits, 30 s, ±1 step of clock skew, and a
// code's time step may be used once (replay refused through operators.totp_last_step).
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return new TOTP({
    issuer: 'Packline operators',
    label,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
  }).toString();
}

/** The accepted time step, or null when the code is wrong or not newer than `lastStep`. */
export function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
    timestamp: now,
    window: 1,
  });
  if (delta === null) return null;
  const step = TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** Test helper: the current code of a secret. */
export function currentTotp(secret: string, now = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), period: PERIOD, timestamp: now });
}
