// Operator sign-in attempts: 10 per 15 minutes per email (keyed by a hash) and 50 per address.
import { createHash } from 'node:crypto';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { rateLimitRefusal } from '../security/rate-limit-refusal.ts';
import { onLimitsRedis, redisKey } from '../redis/limits-redis.ts';
import { AppError } from '../errors/app-error.ts';

function limiters() {
  return onLimitsRedis('operator', (storeClient) => ({
    email: new RateLimiterRedis({
      storeClient,
      keyPrefix: redisKey('rl', 'operator', 'email'),
      points: 10,
      duration: 900,
    }),
    ip: new RateLimiterRedis({
      storeClient,
      keyPrefix: redisKey('rl', 'operator', 'ip'),
      points: 50,
      duration: 900,
    }),
  }));
}

export async function consumeOperatorSignIn(keys: { email: string; ip: string }): Promise<void> {
  const l = limiters();
  const emailKey = createHash('sha256').update(keys.email).digest('hex').slice(0, 32);
  try {
    await Promise.all([l.email.consume(emailKey), l.ip.consume(keys.ip)]);
  } catch (error) {
    if (rateLimitRefusal(error)) throw new AppError('RATE_LIMITED', 'too many attempts; try again later');
    throw new AppError('UNAVAILABLE', 'sign-in temporarily unavailable');
  }
}
