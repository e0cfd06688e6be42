// Operator sign-in attempts: 10 per 15 minutes per email (keyed by a hash) and 50 per address.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { rateLimitRefusal } from '../security/rate-limit-refusal.ts';
import { getEnv } from '../env.ts';
import { AppError } from '../errors/app-error.ts';

const holder = globalThis as unknown as {
  __packlineOperatorLimit?: { redis: Redis; email: RateLimiterRedis; ip: RateLimiterRedis };
};

function limiters() {
  if (!holder.__packlineOperatorLimit) {
    const redis = new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
    const prefix = `${getEnv().QUEUE_PREFIX}:rl:operator`;
    holder.__packlineOperatorLimit = {
      redis,
      email: new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:email`,
        points: 10,
        duration: 900,
      }),
      ip: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:ip`, points: 50, duration: 900 }),
    };
  }
  return holder.__packlineOperatorLimit;
}

export async function disconnectOperatorRateLimit(): Promise<void> {
  holder.__packlineOperatorLimit?.redis.disconnect();
  holder.__packlineOperatorLimit = undefined;
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
