// Rate limits of POST /api/v1/auth/token (rate-limiter-flexible over Redis, shared by every web
// process): per client address and per credential (client_id, or the refresh token's hash prefix),
// so neither one address nor one stolen credential can hammer the endpoint.
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { rateLimitRefusal } from '../security/rate-limit-refusal.ts';
import { onLimitsRedis, redisKey } from '../redis/limits-redis.ts';
import { AppError } from '../errors/app-error.ts';

export const TOKEN_LIMITS = {
  ip: { points: 60, duration: 60 },
  credential: { points: 20, duration: 60 },
} as const;

function limiters() {
  return onLimitsRedis('token', (storeClient) => ({
    ip: new RateLimiterRedis({ storeClient, keyPrefix: redisKey('rl', 'token', 'ip'), ...TOKEN_LIMITS.ip }),
    credential: new RateLimiterRedis({
      storeClient,
      keyPrefix: redisKey('rl', 'token', 'cred'),
      ...TOKEN_LIMITS.credential,
    }),
  }));
}

/** Throws RATE_LIMITED (429, with retryAfter seconds in details) when either limit is spent. */
export async function consumeTokenRequest(keys: { ip: string; credential: string }): Promise<void> {
  const l = limiters();
  try {
    await Promise.all([l.ip.consume(keys.ip), l.credential.consume(keys.credential)]);
  } catch (error) {
    const refusal = rateLimitRefusal(error);
    if (refusal) {
      throw new AppError('RATE_LIMITED', 'too many token requests; try again later', {
        retryAfter: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      });
    }
    throw new AppError('UNAVAILABLE', 'token service temporarily unavailable');
  }
}
