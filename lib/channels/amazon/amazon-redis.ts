// One Redis connection for the Amazon channel's token buckets and sync locks (shared by every
// job of the process; closed at worker shutdown and by tests).
import { Redis } from 'ioredis';
import { getEnv } from '../../env.ts';

const holder = globalThis as unknown as { __packlineAmazonRedis?: Redis };

export function amazonRedis(): Redis {
  holder.__packlineAmazonRedis ??= new Redis(getEnv().REDIS_URL, {
    maxRetriesPerRequest: 3,
    connectTimeout: 5_000,
    connectionName: 'packline-amazon',
  });
  return holder.__packlineAmazonRedis;
}

export async function closeAmazonRedis(): Promise<void> {
  const redis = holder.__packlineAmazonRedis;
  holder.__packlineAmazonRedis = undefined;
  if (redis) await redis.quit().catch(() => redis.disconnect());
}

/** Every key of the channel starts with QUEUE_PREFIX, so environments and test files never share one. */
export const amazonKey = (...parts: string[]): string =>
  [getEnv().QUEUE_PREFIX, 'amazon', ...parts].join(':');
