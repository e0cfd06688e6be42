// One Redis connection for the Amazon channel's token buckets and sync locks (shared by every
// job of the process; closed at worker shutdown and by tests). Every SP-API call costs a few
// commands here (bucket, disconnect fence), so commands issued in the same tick go out together
// (auto-pipelining) and scripts go by SHA1.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { getEnv } from '../../env.ts';
import { dropProcessSingleton, processSingleton } from '../../process-singleton.ts';
import { redisKey } from '../../redis/limits-redis.ts';

export function amazonRedis(): Redis {
  return processSingleton(
    'amazon-redis',
    () =>
      new Redis(getEnv().REDIS_URL, {
        maxRetriesPerRequest: 3,
        connectTimeout: 5_000,
        connectionName: 'packline-amazon',
        enableAutoPipelining: true,
      }),
  );
}

export async function closeAmazonRedis(): Promise<void> {
  const redis = dropProcessSingleton<Redis>('amazon-redis');
  if (redis) await redis.quit().catch(() => redis.disconnect());
}

/** Every key of the channel starts with QUEUE_PREFIX, so environments and test files never share one. */
export const amazonKey = (...parts: string[]): string => redisKey('amazon', ...parts);

/**
 * A Lua script run with EVALSHA on the channel's connection; EVAL (which loads it) when Redis does
 * not know it yet (first use, or after a restart).
 */
export function amazonScript(
  lua: string,
  numberOfKeys: number,
): (...keysAndArgs: (string | number)[]) => Promise<unknown> {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (...keysAndArgs) => {
    const redis = amazonRedis();
    try {
      return await redis.evalsha(sha, numberOfKeys, ...keysAndArgs);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(lua, numberOfKeys, ...keysAndArgs);
    }
  };
}
