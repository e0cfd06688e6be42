// Brute-force and automation limits (ARCHITECTURE.md §3), in Redis through rate-limiter-flexible
// so every web process shares the counts. Keys never hold an email address: accounts are keyed by
// a keyed hash of the normalised address (an unknown email is limited exactly like a known one,
// so lockout says nothing about whether an account exists).
import { createHmac } from 'node:crypto';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { rateLimitRefusal } from '../security/rate-limit-refusal.ts';
import { getEnv } from '../env.ts';
import { onLimitsRedis, redisKey } from '../redis/limits-redis.ts';

export const LIMITS = {
  /** Failed sign-ins per account before a 15-minute lockout. */
  signInAccount: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Failed sign-ins per IP address (many accounts from one address). */
  signInIp: { points: 50, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Failed MFA codes per user before a 15-minute lockout. */
  mfaAccount: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Sign-ups per IP address per hour. */
  signUpIp: { points: 10, duration: 60 * 60, blockDuration: 60 * 60 },
  /** Password-reset requests per IP address per hour. */
  resetIp: { points: 10, duration: 60 * 60, blockDuration: 60 * 60 },
  /** Password-reset emails per account per hour. */
  resetAccount: { points: 3, duration: 60 * 60, blockDuration: 60 * 60 },
  /** Email-verification emails per user per hour. */
  verifyEmailAccount: { points: 5, duration: 60 * 60, blockDuration: 60 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;
type Limiters = Record<LimitName, RateLimiterRedis>;

function limiters(): Limiters {
  return onLimitsRedis(
    'auth',
    (storeClient) =>
      Object.fromEntries(
        Object.entries(LIMITS).map(([name, opts]) => [
          name,
          new RateLimiterRedis({ storeClient, keyPrefix: redisKey('rl', name), ...opts }),
        ]),
      ) as Limiters,
  );
}

/** A stable, non-reversible key for an email address (no PII in Redis). */
export function accountKey(email: string): string {
  return createHmac('sha256', getEnv().AUTH_SECRET ?? 'packline-rate-limit')
    .update(email.trim().toLowerCase())
    .digest('hex')
    .slice(0, 32);
}

/** A counted attempt: allowed (and whether it used the key's last point) or refused. */
export type Attempt = { allowed: true; last: boolean } | { allowed: false; retryAfter: number };

/**
 * Counts an attempt BEFORE it is checked (a password, an MFA code). Redis increments atomically,
 * so of a burst of concurrent guesses only the first `points` are allowed to reach the check; every
 * later one is refused without it. Checking first and counting failures afterwards let a burst
 * pass the "not locked yet?" test all at once. `last`: this attempt used the last point — if it
 * fails, `lockIfLast` locks the key.
 */
export async function countAttempt(name: LimitName, key: string): Promise<Attempt> {
  try {
    const res = await limiters()[name].consume(key);
    return { allowed: true, last: res.consumedPoints >= LIMITS[name].points };
  } catch (error) {
    const refusal = rateLimitRefusal(error);
    if (refusal) return { allowed: false, retryAfter: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    throw error;
  }
}

/**
 * After a counted attempt failed its check: when it used the last point, the key is blocked for the
 * limit's blockDuration from now. Returns the lockout's seconds (the moment to record a lockout
 * security event), or 0.
 */
export async function lockIfLast(name: LimitName, key: string, attempt: Attempt): Promise<number> {
  if (!attempt.allowed || !attempt.last) return 0;
  await limiters()[name].block(key, LIMITS[name].blockDuration);
  return LIMITS[name].blockDuration;
}

/** Gives back the point of an attempt that passed its check (counts only failures, in the end). */
export async function refund(name: LimitName, key: string): Promise<void> {
  await limiters()[name].reward(key, 1);
}

/** Counts one request against a plain request limit (sign-ups, reset emails); `limited`: refuse it. */
export async function consume(name: LimitName, key: string): Promise<{ limited: boolean }> {
  const attempt = await countAttempt(name, key);
  return { limited: !attempt.allowed };
}

/** Forget a key's count (after a successful sign-in). */
export async function reset(name: LimitName, key: string): Promise<void> {
  await limiters()[name].delete(key);
}
