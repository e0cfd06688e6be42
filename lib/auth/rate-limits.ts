// Brute-force and automation limits (ARCHITECTURE.md §3), in Redis through rate-limiter-flexible
// so every web process shares the counts. Keys never hold an email address: accounts are keyed by
// a keyed hash of the normalised address (an unknown email is limited exactly like a known one,
// so lockout says nothing about whether an account exists).
import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { getEnv } from '../env.ts';

const holder = globalThis as unknown as { __packlineAuthRedis?: Redis; __packlineLimiters?: Limiters };

function redis(): Redis {
  holder.__packlineAuthRedis ??= new Redis(getEnv().REDIS_URL, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    connectionName: 'packline-auth-limits',
  });
  return holder.__packlineAuthRedis;
}

export async function disconnectAuthRedis(): Promise<void> {
  holder.__packlineAuthRedis?.disconnect();
  holder.__packlineAuthRedis = undefined;
  holder.__packlineLimiters = undefined;
}

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
} as const;

export type LimitName = keyof typeof LIMITS;
type Limiters = Record<LimitName, RateLimiterRedis>;

function limiters(): Limiters {
  if (!holder.__packlineLimiters) {
    const client = redis();
    const prefix = `${getEnv().QUEUE_PREFIX}:rl`;
    holder.__packlineLimiters = Object.fromEntries(
      Object.entries(LIMITS).map(([name, opts]) => [
        name,
        new RateLimiterRedis({ storeClient: client, keyPrefix: `${prefix}:${name}`, ...opts }),
      ]),
    ) as Limiters;
  }
  return holder.__packlineLimiters;
}

/** A stable, non-reversible key for an email address (no PII in Redis). */
export function accountKey(email: string): string {
  return createHmac('sha256', getEnv().AUTH_SECRET ?? 'packline-rate-limit')
    .update(email.trim().toLowerCase())
    .digest('hex')
    .slice(0, 32);
}

/** Seconds until the key may try again; 0 when it is not blocked. Costs no points. */
export async function retryAfterSeconds(name: LimitName, key: string): Promise<number> {
  const res = await limiters()[name].get(key);
  if (!res || res.consumedPoints < LIMITS[name].points) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * Counts one attempt (or failure). `limited`: this attempt is over the limit (refuse it).
 * `lockedNow`: this attempt used the last point, so the key is now blocked for the limit's
 * blockDuration (the moment to record a lockout security event).
 */
export async function consume(
  name: LimitName,
  key: string,
): Promise<{ limited: boolean; lockedNow: boolean; retryAfter: number }> {
  const limiter = limiters()[name];
  try {
    const res = await limiter.consume(key);
    if (res.consumedPoints >= LIMITS[name].points) {
      await limiter.block(key, LIMITS[name].blockDuration);
      return { limited: false, lockedNow: true, retryAfter: LIMITS[name].blockDuration };
    }
    return { limited: false, lockedNow: false, retryAfter: 0 };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return {
        limited: true,
        lockedNow: false,
        retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      };
    }
    throw error;
  }
}

/** Forget a key's count (after a successful sign-in). */
export async function reset(name: LimitName, key: string): Promise<void> {
  await limiters()[name].delete(key);
}
